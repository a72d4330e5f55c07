package io.wechat.chat.conversations;

import java.time.Duration;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.wechat.kit.web.ApiException;

/**
 * At most {@code limit} uses per subject (a user) in a fixed window that starts at the first use, counted in Redis
 * by one Lua script, so concurrent requests cannot overshoot. Past the limit: 429 {@code quota_exceeded} with the
 * time left in the window as {@code Retry-After}; a refused use is not counted.
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

    private final StatefulRedisConnection<String, String> redis;
    private final String name;
    private final int limit;
    private final Duration window;

    /** {@code name}: what is counted, part of the Redis key ({@code chat-service:quota:<name>:<subject>}). */
    public Quota(StatefulRedisConnection<String, String> redis, String name, int limit, Duration window) {
        if (limit < 1 || window.toSeconds() < 1) {
            throw new IllegalArgumentException("a quota needs a positive limit and a window of at least a second");
        }
        this.redis = redis;
        this.name = name;
        this.limit = limit;
        this.window = window;
    }

    /** @throws ApiException 429 when the subject used the whole quota of the current window */
    public void take(String subject) {
        Long waitMillis = redis.sync().eval(TAKE, ScriptOutputType.INTEGER,
                new String[] {"chat-service:quota:" + name + ":" + subject},
                String.valueOf(limit), String.valueOf(window.toSeconds()));
        if (waitMillis != null && waitMillis > 0) {
            throw ApiException.tooManyRequests("quota_exceeded", "Quota of " + name + " used up, retry later",
                    Duration.ofSeconds((waitMillis + 999) / 1000));
        }
    }
}
