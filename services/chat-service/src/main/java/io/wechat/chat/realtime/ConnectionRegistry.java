package io.wechat.chat.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Times;

/**
 * The WebSocket connections of each user, in Redis (keys prefixed {@code chat-service:}):
 * <ul>
 * <li>{@code chat-service:conn:<connectionId>} = userId, expiring after {@link #CONNECTION_TTL} (API Gateway
 * ends a connection after 2 hours; the margin covers a lost $disconnect);</li>
 * <li>{@code chat-service:user-conns:<userId>}: set of that user's connection ids (same expiry, renewed on
 * every connect). A member whose {@code conn:} key is gone is stale: it is ignored and removed lazily;</li>
 * <li>{@code chat-service:last-seen:<userId>}: when the user's last live connection ended (90 days);</li>
 * <li>{@code chat-service:addr-conns:<address>}: set of the connection ids opened from that client address (same
 * expiry and staleness rule), for the per-address cap;</li>
 * <li>{@code chat-service:typing:<conversationId>:<userId>}: the typing rate limit;</li>
 * <li>{@code chat-service:session-conns:<sessionId>}: the connections opened with tokens of one session (the
 * tokens' {@code sid}), so that a logout closes them (same expiry; dead members are skipped);</li>
 * <li>{@code chat-service:account:<userId>}: {@code disabled|<at>} or {@code enabled|<at>}, the latest of
 * user-service's user.disabled / user.enabled events, kept while tokens issued before it may live
 * ({@link #ACCOUNT_STATE_TTL}): a disabled user's tokens cannot open a connection meanwhile;</li>
 * <li>{@code chat-service:frame:<frameId>:<connectionId>}: whether a frame of committed data reached a connection
 * ({@code pending} while it is being sent, then {@code sent}), so that a stream record delivered again sends it only
 * to the connections that did not have it (same expiry as a connection);</li>
 * <li>{@code chat-service:opening:<connectionId>}: when the connection's $connect was admitted, for {@link #OPENING}: a 410
 * from {@code @connections} meanwhile means "not open yet", not "gone" ({@link #opening}).</li>
 * </ul>
 * A new connection is admitted only while its user and its address hold fewer live connections than their
 * {@link Limits}: counting, pruning stale members and registering are one Lua script, so concurrent connects cannot
 * overshoot. (The script reads the members' {@code conn:} keys, which Redis allows outside cluster mode, the
 * mode of this system's ElastiCache group.)
 * Online means at least one live connection. Commands of one lookup are pipelined (Lettuce async).
 */
public final class ConnectionRegistry implements WebSocketRoutes.Connections {
    public static final Duration CONNECTION_TTL = Duration.ofMinutes(130);
    /** Longer than an access token lives (15 minutes) plus the clock skew verifiers allow. */
    static final Duration ACCOUNT_STATE_TTL = Duration.ofMinutes(20);
    private static final String DISABLED = "disabled";
    /*
     * Records an account state unless a later one is recorded. KEYS[1] the account key; ARGV[1] state,
     * ARGV[2] its time (ISO-8601 UTC, which sorts as text), ARGV[3] TTL seconds.
     */
    private static final String RECORD_ACCOUNT_STATE = """
            local current = redis.call('GET', KEYS[1])
            if current then
              local at = string.sub(current, string.find(current, '|', 1, true) + 1)
              if at > ARGV[2] then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'EX', ARGV[3])
            return 1
            """;
    static final Duration LAST_SEEN_TTL = Duration.ofDays(90);
    private static final String PREFIX = "chat-service:";
    private static final long TIMEOUT_MS = 2000;
    private static final String FRAME_SENT = "sent";
    /**
     * How long a claim on a frame's send stands before another attempt may take it over: longer than a post may take
     * (5 s per call, retries included), so that the request's push and the stream never both send a frame, and shorter
     * than a stream record's retries (10, a second or more apart), so that a frame whose sender died (or whose claim
     * timed out and was written all the same) is sent by one of them instead of being given up with the record.
     */
    public static final Duration FRAME_LEASE = Duration.ofSeconds(8);
    /**
     * How long after its $connect a connection may still be unknown to {@code @connections}: API Gateway answers a post
     * 410 until the handshake that $connect allowed is complete (milliseconds later, in AWS as in the local edge), so a
     * frame posted in between is not delivered, and removing the connection then would cut a live client off from every
     * later frame. Shorter than a stream record's retries (10, a second or more apart), which send the frame once it is open.
     */
    public static final Duration OPENING = Duration.ofSeconds(5);
    /*
     * Claims a frame's send. KEYS[1] the frame key; ARGV[1] now (epoch millis, the service's clock), ARGV[2] the lease's
     * end, ARGV[3] TTL seconds. Answers 0 claimed, 1 sent, 2 claimed by another attempt whose lease still stands.
     */
    private static final String CLAIM_FRAME = """
            local current = redis.call('GET', KEYS[1])
            if current == 'sent' then return 1 end
            if current then
              local leaseEnd = tonumber(string.sub(current, string.len('pending|') + 1))
              if leaseEnd and leaseEnd > tonumber(ARGV[1]) then return 2 end
            end
            redis.call('SET', KEYS[1], 'pending|' .. ARGV[2], 'EX', ARGV[3])
            return 0
            """;
    private static final String ADMIT = """
            local function live(set, owner)
              local n = 0
              for _, id in ipairs(redis.call('SMEMBERS', set)) do
                local holder = redis.call('GET', ARGV[6] .. id)
                if holder and (owner == '' or holder == owner) then n = n + 1 else redis.call('SREM', set, id) end
              end
              return n
            end
            if live(KEYS[2], ARGV[2]) >= tonumber(ARGV[4]) then return 1 end
            if KEYS[3] ~= KEYS[2] and live(KEYS[3], '') >= tonumber(ARGV[5]) then return 2 end
            redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
            for i = 2, 4 do
              redis.call('SADD', KEYS[i], ARGV[1])
              redis.call('EXPIRE', KEYS[i], ARGV[3])
            end
            redis.call('SET', KEYS[5], ARGV[7], 'EX', ARGV[8])
            return 0
            """;
    private final RedisAsyncCommands<String, String> redis;
    private final Clock clock;
    private final Limits limits;

    /**
     * The most live WebSocket connections one user, and one client address, may hold; beyond them {@code $connect}
     * is refused. A user's devices and tabs each hold one; an address is shared by everyone behind one NAT.
     */
    public record Limits(int perUser, int perAddress) {
        public static final Limits DEFAULT = new Limits(10, 100);

        public Limits {
            if (perUser < 1 || perAddress < 1) {
                throw new IllegalArgumentException("connection limits must be positive");
            }
        }
    }

    /** Why a connection was refused. */
    public enum Refusal {
        USER_LIMIT, ADDRESS_LIMIT
    }

    public ConnectionRegistry(StatefulRedisConnection<String, String> connection, Clock clock) {
        this(connection, clock, Limits.DEFAULT);
    }

    public ConnectionRegistry(StatefulRedisConnection<String, String> connection, Clock clock, Limits limits) {
        this.redis = connection.async();
        this.clock = clock;
        this.limits = limits;
    }

    /** A user's presence: {@code lastSeenAt} is when their last connection ended (null while online or unknown). */
    public record Presence(String userId, boolean online, String lastSeenAt) {
    }

    static String connectionKey(String connectionId) {
        return PREFIX + "conn:" + connectionId;
    }

    static String userKey(String userId) {
        return PREFIX + "user-conns:" + userId;
    }

    static String addressKey(String address) {
        return PREFIX + "addr-conns:" + address;
    }

    static String lastSeenKey(String userId) {
        return PREFIX + "last-seen:" + userId;
    }

    static String sessionKey(String sessionId) {
        return PREFIX + "session-conns:" + sessionId;
    }

    static String accountKey(String userId) {
        return PREFIX + "account:" + userId;
    }

    static String typingKey(String conversationId, String userId) {
        return PREFIX + "typing:" + conversationId + ":" + userId;
    }

    static String frameKey(String frameId, String connectionId) {
        return PREFIX + "frame:" + frameId + ":" + connectionId;
    }

    static String openingKey(String connectionId) {
        return PREFIX + "opening:" + connectionId;
    }

    /** Where the sending of one frame to one connection stands. */
    public enum FrameClaim {
        /** Nobody had claimed it, or a claim's lease ran out (its attempt died mid-way): this caller sends it. */
        CLAIMED,
        /** It was sent. */
        SENT,
        /** Another attempt is sending it now ({@link #FRAME_LEASE}): it reports whether it arrived. */
        IN_FLIGHT
    }

    /** Claims the sending of frame {@code frameId} to a connection for {@link #FRAME_LEASE} (see {@link FrameClaim}). */
    public FrameClaim claimFrame(String frameId, String connectionId) {
        long now = clock.millis();
        Long answer = await(redis.<Long>eval(CLAIM_FRAME, ScriptOutputType.INTEGER,
                new String[] {frameKey(frameId, connectionId)}, Long.toString(now),
                Long.toString(now + FRAME_LEASE.toMillis()), Long.toString(CONNECTION_TTL.toSeconds())));
        return switch (answer.intValue()) {
            case 0 -> FrameClaim.CLAIMED;
            case 1 -> FrameClaim.SENT;
            default -> FrameClaim.IN_FLIGHT;
        };
    }

    /** Records that frame {@code frameId} reached the connection. */
    public void frameSent(String frameId, String connectionId) {
        await(redis.set(frameKey(frameId, connectionId), FRAME_SENT, SetArgs.Builder.ex(CONNECTION_TTL.toSeconds())));
    }

    /** Gives up a claim whose send failed, so that the next attempt sends it. */
    public void releaseFrame(String frameId, String connectionId) {
        await(redis.del(frameKey(frameId, connectionId)));
    }

    /**
     * Records frame {@code frameId} as sent to the connection unless anyone claimed it already: true when the caller
     * is now the one to send it (a connection's answer to its own request, which the stream may have sent first).
     */
    public boolean claimFrameAsSent(String frameId, String connectionId) {
        return "OK".equals(await(redis.set(frameKey(frameId, connectionId), FRAME_SENT,
                SetArgs.Builder.nx().ex(CONNECTION_TTL.toSeconds()))));
    }

    /**
     * Registers the connection (with its session, as {@link #register(String, String, String)} does) unless its user,
     * or its client address (when known), already holds as many live connections as the limits allow; then nothing
     * is written and the refusal says which limit.
     */
    public Optional<Refusal> admit(String connectionId, String userId, String sessionId, String address) {
        String userKey = userKey(userId);
        String addressKey = address == null || address.isBlank() ? userKey : addressKey(address);
        String sessionKey = sessionId == null ? userKey : sessionKey(sessionId);
        Long answer = await(redis.<Long>eval(ADMIT, ScriptOutputType.INTEGER,
                new String[] {connectionKey(connectionId), userKey, addressKey, sessionKey, openingKey(connectionId)},
                connectionId, userId, Long.toString(CONNECTION_TTL.toSeconds()), Integer.toString(limits.perUser()),
                Integer.toString(limits.perAddress()), PREFIX + "conn:", Long.toString(clock.millis()),
                Long.toString(openingTtlSeconds())));
        return switch (answer.intValue()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(Refusal.USER_LIMIT);
            default -> Optional.of(Refusal.ADDRESS_LIMIT);
        };
    }

    /** Registers a connection without checking the limits. */
    public void register(String connectionId, String userId) {
        register(connectionId, userId, null);
    }

    /** {@code sessionId}: the {@code sid} of the token the connection was opened with; null when it names none. */
    public void register(String connectionId, String userId, String sessionId) {
        long ttl = CONNECTION_TTL.toSeconds();
        List<RedisFuture<?>> writes = new ArrayList<>(List.of(
                redis.set(connectionKey(connectionId), userId, SetArgs.Builder.ex(ttl)),
                redis.set(openingKey(connectionId), Long.toString(clock.millis()), SetArgs.Builder.ex(openingTtlSeconds())),
                redis.sadd(userKey(userId), connectionId),
                redis.expire(userKey(userId), ttl)));
        if (sessionId != null) {
            writes.add(redis.sadd(sessionKey(sessionId), connectionId));
            writes.add(redis.expire(sessionKey(sessionId), ttl));
        }
        await(writes);
    }

    /** The opening mark outlives {@link #OPENING} by a second: {@link #opening} decides by the service's clock. */
    private static long openingTtlSeconds() {
        return OPENING.toSeconds() + 1;
    }

    /**
     * Whether the connection was admitted less than {@link #OPENING} ago: a 410 for it means its handshake is not
     * complete yet, and the frame must be sent again later rather than the connection removed.
     */
    public boolean opening(String connectionId) {
        String admittedAt = await(redis.get(openingKey(connectionId)));
        return admittedAt != null && clock.millis() < Long.parseLong(admittedAt) + OPENING.toMillis();
    }

    /** The live connections opened with tokens of the session. */
    public List<String> sessionConnections(String sessionId) {
        List<String> candidates = List.copyOf(await(redis.smembers(sessionKey(sessionId))));
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<KeyValue<String, String>> owners = await(redis.mget(candidates.stream()
                .map(ConnectionRegistry::connectionKey).toArray(String[]::new)));
        List<String> live = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (owners.get(i).hasValue()) {
                live.add(candidates.get(i));
            }
        }
        return live;
    }

    /** Records that the account was disabled (or enabled) at {@code at}, unless a later change is recorded. */
    public void recordAccountState(String userId, boolean disabled, Instant at) {
        await(redis.eval(RECORD_ACCOUNT_STATE, ScriptOutputType.INTEGER,
                new String[] {accountKey(userId)}, disabled ? DISABLED : "enabled", Times.format(at),
                String.valueOf(ACCOUNT_STATE_TTL.toSeconds())));
    }

    /** Whether the account was disabled recently enough that tokens issued before may still be alive. */
    public boolean recentlyDisabled(String userId) {
        String state = await(redis.get(accountKey(userId)));
        return state != null && state.startsWith(DISABLED + "|");
    }

    /**
     * Removes a connection ($disconnect, or 410 from @connections); when it was the user's last live one,
     * records lastSeenAt. {@code userId} may be null: it is then read from the connection record.
     */
    public void remove(String connectionId, String userId) {
        String owner = userId != null ? userId : await(redis.get(connectionKey(connectionId)));
        await(redis.del(connectionKey(connectionId), openingKey(connectionId)));
        if (owner == null) {
            return;
        }
        await(redis.srem(userKey(owner), connectionId));
        if (live(List.of(owner)).getOrDefault(owner, List.of()).isEmpty()) {
            await(redis.set(lastSeenKey(owner), Times.format(clock.instant()), SetArgs.Builder.ex(LAST_SEEN_TTL.toSeconds())));
        }
    }

    /** The live connection ids of each user (users without one are absent). */
    public Map<String, List<String>> live(Collection<String> userIds) {
        Set<String> users = new LinkedHashSet<>(userIds);
        Map<String, RedisFuture<Set<String>>> members = new LinkedHashMap<>();
        users.forEach(user -> members.put(user, redis.smembers(userKey(user))));
        List<String> candidates = new ArrayList<>();
        Map<String, String> claimedBy = new LinkedHashMap<>();
        for (var entry : members.entrySet()) {
            for (String connectionId : await(entry.getValue())) {
                candidates.add(connectionId);
                claimedBy.put(connectionId, entry.getKey());
            }
        }
        Map<String, List<String>> live = new LinkedHashMap<>();
        if (candidates.isEmpty()) {
            return live;
        }
        List<KeyValue<String, String>> owners = await(redis.mget(candidates.stream()
                .map(ConnectionRegistry::connectionKey).toArray(String[]::new)));
        for (int i = 0; i < candidates.size(); i++) {
            String connectionId = candidates.get(i);
            String user = claimedBy.get(connectionId);
            KeyValue<String, String> owner = owners.get(i);
            if (owner.hasValue() && owner.getValue().equals(user)) {
                live.computeIfAbsent(user, u -> new ArrayList<>()).add(connectionId);
            } else {
                redis.srem(userKey(user), connectionId); // stale: expired without a $disconnect; no need to wait
            }
        }
        return live;
    }

    public List<Presence> presence(Collection<String> userIds) {
        List<String> users = List.copyOf(new LinkedHashSet<>(userIds));
        if (users.isEmpty()) {
            return List.of();
        }
        RedisFuture<List<KeyValue<String, String>>> lastSeen = redis.mget(users.stream()
                .map(ConnectionRegistry::lastSeenKey).toArray(String[]::new));
        Map<String, List<String>> live = live(users);
        List<KeyValue<String, String>> seen = await(lastSeen);
        List<Presence> presence = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            boolean online = live.containsKey(user);
            presence.add(new Presence(user, online, online ? null : seen.get(i).getValueOrElse(null)));
        }
        return presence;
    }

    /** True at most once per {@code interval} per user and conversation: the typing rate limit. */
    public boolean typingAllowed(String conversationId, String userId, Duration interval) {
        return "OK".equals(await(redis.set(typingKey(conversationId, userId), "1",
                SetArgs.Builder.nx().px(interval.toMillis()))));
    }

    /** Readiness: Redis answers PING. */
    /** Redis's answer to PING; throws when Redis does not answer. */
    /**
     * WebSocket connections open now: the connection records, counted with SCAN (no KEYS, so Redis keeps serving);
     * a record outlives a connection whose $disconnect was lost by at most its TTL.
     */
    public long openConnections() {
        long count = 0;
        ScanArgs match = ScanArgs.Builder.matches(connectionKey("*")).limit(1000);
        KeyScanCursor<String> cursor = await(redis.scan(match));
        count += cursor.getKeys().size();
        while (!cursor.isFinished()) {
            cursor = await(redis.scan(cursor, match));
            count += cursor.getKeys().size();
        }
        return count;
    }

    public String ping() {
        return await(redis.ping());
    }

    /** The user a connection belongs to, when it is live. */
    public Optional<String> owner(String connectionId) {
        return Optional.ofNullable(await(redis.get(connectionKey(connectionId))));
    }

    private static void await(Collection<? extends RedisFuture<?>> futures) {
        futures.forEach(ConnectionRegistry::await);
    }

    private static <T> T await(RedisFuture<T> future) {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("presence_unavailable", "Connections cannot be read right now, retry later");
    }
}
