package io.wechat.user.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Opaque rotating refresh tokens in Redis. A token is 256 random bits; only its SHA-256 is stored, under
 * {@code user-service:refresh:<hash>} = {userId, familyId, used}. All tokens descending from one login share a
 * family {@code user-service:refresh-family:<familyId>}; presenting a token that was already rotated
 * deletes the family, so the thief's and the victim's tokens both stop working.
 */
public final class RefreshTokens {
    private static final String TOKEN_KEY = "user-service:refresh:";
    static final String FAMILY_KEY = "user-service:refresh-family:";

    /*
     * Atomic rotation. KEYS[1] token key. Returns {"ok", userId, familyId}, {"reused"} or {"invalid"}.
     * A used token keeps its record until its TTL so that a replay is recognised as reuse.
     */
    private static final String ROTATE = """
            local t = redis.call('HMGET', KEYS[1], 'userId', 'familyId', 'used')
            if not t[1] then return {'invalid'} end
            local family = ARGV[1] .. t[2]
            if t[3] == '1' then
              redis.call('DEL', family)
              return {'reused'}
            end
            if redis.call('EXISTS', family) == 0 then return {'invalid'} end
            redis.call('HSET', KEYS[1], 'used', '1')
            return {'ok', t[1], t[2]}
            """;

    /*
     * Stores a token of a family, atomically so nothing is left without a TTL. A new family (ARGV[5] = '1') gets the
     * absolute lifetime (ARGV[4]); rotation never extends it, a token lives at most as long as its family, and a
     * family that ended meanwhile is not revived (0).
     */
    private static final String ISSUE = """
            if ARGV[5] == '1' then
              redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[4])
            end
            local left = redis.call('TTL', KEYS[2])
            if left < 1 then return 0 end
            redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'familyId', ARGV[2], 'used', '0')
            redis.call('EXPIRE', KEYS[1], math.min(tonumber(ARGV[3]), left))
            return 1
            """;

    private final Supplier<RedisCommands<String, String>> redis;
    private final Duration ttl;
    private final Duration familyLifetime;
    private final SecureRandom random = new SecureRandom();

    /**
     * {@code ttl}: how long an unused token stays valid; {@code familyLifetime}: how long a session (a family) lasts
     * from its login, however often it is refreshed.
     */
    public RefreshTokens(Supplier<RedisCommands<String, String>> redis, Duration ttl, Duration familyLifetime) {
        this.redis = redis;
        this.ttl = ttl;
        this.familyLifetime = familyLifetime;
    }

    /** Starts a new family (a login, a session) and answers its id and first token. */
    public NewFamily issueNewFamily(UUID userId) {
        UUID familyId = UUID.randomUUID();
        return new NewFamily(familyId, issue(userId, familyId, true).orElseThrow());
    }

    public Rotation rotate(String token) {
        List<String> result = redis.get().eval(ROTATE, ScriptOutputType.MULTI,
                                               new String[] {TOKEN_KEY + hash(token)}, FAMILY_KEY);
        return switch (result.getFirst()) {
            case "ok" -> {
                UUID userId = UUID.fromString(result.get(1));
                UUID familyId = UUID.fromString(result.get(2));
                yield issue(userId, familyId, false)
                        .<Rotation>map(issued -> new Rotation.Rotated(userId, familyId, issued))
                        .orElseGet(Rotation.Invalid::new);
            }
            case "reused" -> new Rotation.Reused();
            default -> new Rotation.Invalid();
        };
    }

    /**
     * Ends the session the token belongs to (its whole family) and answers its user and family; empty for an unknown
     * token.
     */
    public Optional<Family> revokeFamilyOf(String token) {
        String tokenKey = TOKEN_KEY + hash(token);
        RedisCommands<String, String> commands = redis.get();
        List<String> record = commands.hmget(tokenKey, "userId", "familyId").stream()
                .map(value -> value.getValueOrElse(null)).toList();
        commands.del(tokenKey);
        if (record.get(0) == null || record.get(1) == null) {
            return Optional.empty();
        }
        commands.del(FAMILY_KEY + record.get(1));
        return Optional.of(new Family(UUID.fromString(record.get(0)), UUID.fromString(record.get(1))));
    }

    private Optional<String> issue(UUID userId, UUID familyId, boolean newFamily) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Long stored = redis.get().eval(ISSUE, ScriptOutputType.INTEGER,
                                       new String[] {TOKEN_KEY + hash(token), FAMILY_KEY + familyId},
                                       userId.toString(), familyId.toString(), String.valueOf(ttl.toSeconds()),
                                       String.valueOf(familyLifetime.toSeconds()), newFamily ? "1" : "0");
        return stored != null && stored == 1 ? Optional.of(token) : Optional.empty();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new session: its id (the access tokens' {@code sid}) and its first refresh token. */
    public record NewFamily(UUID familyId, String refreshToken) {
    }

    /** A session of a user. */
    public record Family(UUID userId, UUID familyId) {
    }

    /** The outcome of presenting a refresh token. */
    public sealed interface Rotation {
        record Rotated(UUID userId, UUID familyId, String refreshToken) implements Rotation {
        }

        record Reused() implements Rotation {
        }

        record Invalid() implements Rotation {
        }
    }
}
