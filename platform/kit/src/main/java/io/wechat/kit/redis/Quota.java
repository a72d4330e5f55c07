package io.wechat.kit.redis;

import java.time.Duration;
import java.util.function.Supplier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.wechat.kit.web.ApiException;

/**
 * At most {@code limit.count()} uses per subject (a user, a client address) in a fixed window that starts at the
 * first use, counted in Redis by one Lua script, so concurrent requests cannot overshoot. Past the limit: 429
 * {@code quota_exceeded} with the time left in the window as {@code Retry-After}; a refused use is not counted.
 */
public final class Quota {
    /* KEYS[1] counter; ARGV limit, window seconds. Returns 0 when taken, else the milliseconds left in the window. */
    private static final String TAKE = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            if used >= tonumber(ARGV[1]) then
              local left = redis.call('PTTL', KEYS[1])
              if left > 0 then return left end
              redis.call('DEL', KEYS[1])
            end
            if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 1000) end
            return 0
            """;

    private final Supplier<RedisCommands<String, String>> redis;
    private final String keyPrefix;
    private final String name;
    private final Limit limit;

    /**
     * {@code service}: the key prefix of the service's Redis keys; {@code name}: what is counted. The counter's key
     * is {@code <service>:quota:<name>:<subject>}.
     */
    public Quota(Supplier<RedisCommands<String, String>> redis, String service, String name, Limit limit) {
        this.redis = redis;
        this.keyPrefix = service + ":quota:" + name + ":";
        this.name = name;
        this.limit = limit;
    }

    /** @throws ApiException 429 {@code quota_exceeded} with {@code Retry-After} when the subject used it all */
    public void take(String subject) {
        Long waitMillis = redis.get().eval(TAKE, ScriptOutputType.INTEGER, new String[] {keyPrefix + subject},
                String.valueOf(limit.count()), String.valueOf(limit.window().toSeconds()));
        if (waitMillis != null && waitMillis > 0) {
            throw ApiException.tooManyRequests("quota_exceeded", "Quota of " + name + " used up, retry later",
                    Duration.ofSeconds((waitMillis + 999) / 1000));
        }
    }

    /** How many uses in how long a window. */
    public record Limit(int count, Duration window) {
        public Limit {
            if (count < 1 || window.toSeconds() < 1) {
                throw new IllegalArgumentException("a quota needs a positive count and a window of at least a second");
            }
        }
    }
}
