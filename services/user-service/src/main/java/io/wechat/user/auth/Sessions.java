package io.wechat.user.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 */
public final class Sessions {
    private static final String USER_SESSIONS = "user-service:sessions:";
    private static final String REVOKED = "user-service:revoked-sessions";

    /*
     * Revokes every session of a user, atomically. KEYS[1] the user's set, KEYS[2] the revocation list;
     * ARGV[1] the refresh-family key prefix, ARGV[2] the score. Returns the revoked session ids.
     */
    private static final String REVOKE_ALL = """
            local ids = redis.call('SMEMBERS', KEYS[1])
            for _, id in ipairs(ids) do
              redis.call('DEL', ARGV[1] .. id)
              redis.call('ZADD', KEYS[2], ARGV[2], id)
            end
            redis.call('DEL', KEYS[1])
            return ids
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

    /** Remembers a new session of the user, so that disabling the account can end it. */
    void started(UUID userId, UUID sessionId) {
        RedisCommands<String, String> commands = redis.get();
        commands.sadd(USER_SESSIONS + userId, sessionId.toString());
        commands.expire(USER_SESSIONS + userId, familyLifetime.toSeconds());
    }

    /** Ends one session (logout): its refresh family is gone already; its access tokens are refused from now on. */
    void revoke(UUID userId, UUID sessionId) {
        RedisCommands<String, String> commands = redis.get();
        commands.zadd(REVOKED, listedUntil(), sessionId.toString());
        commands.srem(USER_SESSIONS + userId, sessionId.toString());
    }

    /** Ends every session of the user: refresh families deleted, access tokens refused. Answers their ids. */
    public List<UUID> revokeAll(UUID userId) {
        List<String> ids = redis.get().eval(REVOKE_ALL, ScriptOutputType.MULTI,
                                            new String[] {USER_SESSIONS + userId, REVOKED},
                                            RefreshTokens.FAMILY_KEY, String.valueOf(listedUntil()));
        return ids.stream().map(UUID::fromString).toList();
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
