package io.wechat.user.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A user's sessions (one per login: the refresh-token family, whose id is the access tokens' {@code sid}) and the
 * revocation list of sessions that ended while their access tokens may still be unexpired. Redis:
 * {@code user-service:sessions:<userId>} is the set of the user's session ids; {@code user-service:revoked-sessions}
 * a sorted set of revoked session ids scored by the epoch second after which no access token of theirs is valid
 * (revocation + access-token lifetime + the verifiers' clock skew), so the list only holds what still matters.
 * {@code user-service:session:<sessionId>} describes a session for its owner's list: {@code userId}, {@code device},
 * {@code createdAt}, {@code lastUsedAt} (its login and its last refresh), living as long as the session may.
 */
public final class Sessions {
    private static final String USER_SESSIONS = "user-service:sessions:";
    private static final String REVOKED = "user-service:revoked-sessions";
    private static final String SESSION_INFO = "user-service:session:";
    private static final String UNKNOWN_DEVICE = "Unknown device";

    /*
     * Revokes every session of a user but one (ARGV[4], '' for none), atomically. KEYS[1] the user's set, KEYS[2]
     * the revocation list; ARGV[1] the refresh-family key prefix, ARGV[2] the score, ARGV[3] the session-info key
     * prefix. Returns the revoked session ids.
     */
    private static final String REVOKE_ALL = """
            local ids = redis.call('SMEMBERS', KEYS[1])
            local revoked = {}
            for _, id in ipairs(ids) do
              if id ~= ARGV[4] then
                redis.call('DEL', ARGV[1] .. id, ARGV[3] .. id)
                redis.call('ZADD', KEYS[2], ARGV[2], id)
                redis.call('SREM', KEYS[1], id)
                table.insert(revoked, id)
              end
            end
            return revoked
            """;

    /*
     * Ends one session of the user, atomically, only if it is theirs. KEYS[1] the user's set, KEYS[2] the revocation
     * list, KEYS[3] the session's refresh family, KEYS[4] its info; ARGV[1] the session id, ARGV[2] the score.
     * Returns 1 when it ended, 0 when the user has no such session.
     */
    private static final String REVOKE_ONE = """
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('DEL', KEYS[3], KEYS[4])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            redis.call('SREM', KEYS[1], ARGV[1])
            return 1
            """;

    /* Records a refresh of a session that is still described. KEYS[1] its info; ARGV[1] the time. */
    private static final String TOUCH = """
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[1]) end
            return 0
            """;

    private final Supplier<RedisCommands<String, String>> redis;
    private final Duration familyLifetime;
    private final Duration revocationTtl;
    private final Clock clock;

    /**
     * {@code familyLifetime}: the longest a session lasts; {@code accessTokenTtl}: how long its access tokens live,
     * which (with the clock skew) is how long a revoked session stays listed.
     */
    public Sessions(Supplier<RedisCommands<String, String>> redis, Duration familyLifetime, Duration accessTokenTtl,
                    Duration clockSkew, Clock clock) {
        this.redis = redis;
        this.familyLifetime = familyLifetime;
        this.revocationTtl = accessTokenTtl.plus(clockSkew);
        this.clock = clock;
    }

    /**
     * Remembers a new session of the user, so that disabling the account can end it, and describes it for the user's
     * list of sessions ({@code device}: the label the client gave or one read from its User-Agent).
     */
    void started(UUID userId, UUID sessionId, String device) {
        RedisCommands<String, String> commands = redis.get();
        commands.sadd(USER_SESSIONS + userId, sessionId.toString());
        commands.expire(USER_SESSIONS + userId, familyLifetime.toSeconds());
        String now = clock.instant().toString();
        commands.hset(SESSION_INFO + sessionId, Map.of("userId", userId.toString(), "device", device,
                                                       "createdAt", now, "lastUsedAt", now));
        commands.expire(SESSION_INFO + sessionId, familyLifetime.toSeconds());
    }

    /** Records that the session was used to get new tokens (a refresh). */
    void used(UUID sessionId) {
        redis.get().eval(TOUCH, ScriptOutputType.INTEGER, new String[] {SESSION_INFO + sessionId},
                         clock.instant().toString());
    }

    /** Ends one session (logout): its refresh family is gone already; its access tokens are refused from now on. */
    void revoke(UUID userId, UUID sessionId) {
        RedisCommands<String, String> commands = redis.get();
        commands.zadd(REVOKED, listedUntil(), sessionId.toString());
        commands.srem(USER_SESSIONS + userId, sessionId.toString());
        commands.del(SESSION_INFO + sessionId);
    }

    /**
     * Ends the user's session {@code sessionId} (refresh family deleted, access tokens refused); false when the user
     * has no such session, which includes another user's.
     */
    boolean revokeOwn(UUID userId, UUID sessionId) {
        Long ended = redis.get().eval(REVOKE_ONE, ScriptOutputType.INTEGER,
                                      new String[] {USER_SESSIONS + userId, REVOKED,
                                                    RefreshTokens.FAMILY_KEY + sessionId, SESSION_INFO + sessionId},
                                      sessionId.toString(), String.valueOf(listedUntil()));
        return ended != null && ended == 1;
    }

    /** Ends every session of the user: refresh families deleted, access tokens refused. Answers their ids. */
    public List<UUID> revokeAll(UUID userId) {
        return revokeAllBut(userId, null);
    }

    /** Ends every session of the user except {@code kept} (null: none). Answers the ids of those it ended. */
    List<UUID> revokeAllBut(UUID userId, UUID kept) {
        List<String> ids = redis.get().eval(REVOKE_ALL, ScriptOutputType.MULTI,
                                            new String[] {USER_SESSIONS + userId, REVOKED},
                                            RefreshTokens.FAMILY_KEY, String.valueOf(listedUntil()), SESSION_INFO,
                                            kept == null ? "" : kept.toString());
        return ids.stream().map(UUID::fromString).toList();
    }

    /**
     * The user's signed-in sessions, most recently used first. A session whose refresh family has ended (its absolute
     * lifetime, a detected token reuse) is no longer signed in: it is left out and forgotten on the way.
     */
    List<SessionInfo> list(UUID userId) {
        RedisCommands<String, String> commands = redis.get();
        List<SessionInfo> sessions = new ArrayList<>();
        for (String id : commands.smembers(USER_SESSIONS + userId)) {
            if (commands.exists(RefreshTokens.FAMILY_KEY + id) == 0) {
                commands.srem(USER_SESSIONS + userId, id);
                commands.del(SESSION_INFO + id);
                continue;
            }
            Map<String, String> info = commands.hgetall(SESSION_INFO + id);
            sessions.add(new SessionInfo(UUID.fromString(id), info.getOrDefault("device", UNKNOWN_DEVICE),
                                         instant(info.get("createdAt")), instant(info.get("lastUsedAt"))));
        }
        sessions.sort(Comparator.comparing(SessionInfo::lastUsedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return sessions;
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    /** A signed-in session as its owner's list shows it; times are null for a session older than its description. */
    record SessionInfo(UUID sessionId, String device, Instant createdAt, Instant lastUsedAt) {
    }

    public boolean isRevoked(UUID sessionId) {
        Double until = redis.get().zscore(REVOKED, sessionId.toString());
        return until != null && until > clock.instant().getEpochSecond();
    }

    /** The revoked sessions whose access tokens may still be valid; older entries are dropped on the way. */
    public List<String> revoked() {
        RedisCommands<String, String> commands = redis.get();
        long now = clock.instant().getEpochSecond();
        commands.zremrangebyscore(REVOKED, Range.create(Double.NEGATIVE_INFINITY, (double) now));
        return commands.zrangebyscore(REVOKED, Range.create((double) now, Double.POSITIVE_INFINITY));
    }

    private long listedUntil() {
        return clock.instant().plus(revocationTtl).getEpochSecond() + 1;
    }
}
