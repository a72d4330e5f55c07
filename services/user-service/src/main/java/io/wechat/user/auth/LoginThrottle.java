package io.wechat.user.auth;

import java.time.Duration;
import java.util.function.Supplier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.wechat.user.web.ApiException;

/**
 * Counts failed logins per username and per client address in fixed windows that start at the first failure:
 * past the limit, logins for that username or from that address answer 429 until the window ends.
 * A success clears the username's counter (not the address's: one good password must not reset a spray).
 */
public final class LoginThrottle {
    private static final String USER_KEY = "user-service:login-failures:user:";
    private static final String ADDRESS_KEY = "user-service:login-failures:addr:";

    /* INCR and set the window's expiry atomically, so a counter can never outlive its window. */
    private static final String INCREMENT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;

    private final Supplier<RedisCommands<String, String>> redis;
    private final Limits limits;

    public LoginThrottle(Supplier<RedisCommands<String, String>> redis, Limits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    /** @throws ApiException 429 when either counter is at its limit */
    public void check(String username, String address) {
        checkKey(USER_KEY + username, limits.perUsername());
        checkKey(ADDRESS_KEY + address, limits.perAddress());
    }

    public void recordFailure(String username, String address) {
        increment(USER_KEY + username);
        increment(ADDRESS_KEY + address);
    }

    public void recordSuccess(String username) {
        redis.get().del(USER_KEY + username);
    }

    private void checkKey(String key, int limit) {
        String count = redis.get().get(key);
        if (count != null && Long.parseLong(count) >= limit) {
            long ttl = redis.get().ttl(key);
            throw ApiException.tooManyRequests(Duration.ofSeconds(ttl > 0 ? ttl : limits.window().toSeconds()));
        }
    }

    private void increment(String key) {
        redis.get().eval(INCREMENT, ScriptOutputType.INTEGER, new String[] {key},
                   String.valueOf(limits.window().toSeconds()));
    }

    public record Limits(int perUsername, int perAddress, Duration window) {
        public Limits {
            if (perUsername < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("throttle limits must be positive");
            }
        }
    }
}
