package io.wechat.kit.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.wechat.kit.web.ApiException;

/**
 * A token bucket per subject (a user): up to {@code rate.burst()} uses at once, refilled at {@code rate.perSecond()},
 * kept in Redis by one Lua script on Redis's own clock, so that every instance of a service (every Lambda) shares one
 * bucket per subject and concurrent uses cannot overshoot. Past the limit: 429 {@code rate_limited} with the time
 * until the next token as {@code Retry-After}; a refused use takes nothing. Where {@link Quota} caps what one account
 * creates over hours, this caps how fast it calls: the per-user limit behind the gateway's per-address ones, for
 * callers that reach a service without passing the WAF.
 */
public final class RateLimit {
    /*
     * KEYS[1] the bucket (a hash: tokens, at); ARGV burst, tokens per second. Returns 0 when a token was taken, else
     * the milliseconds until one is there. The bucket expires once it would be full again anyway.
     */
    private static final String TAKE = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local burst = tonumber(ARGV[1])
            local per_ms = tonumber(ARGV[2]) / 1000
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
            if tokens < 1 then
              return math.max(1, math.ceil((1 - tokens) / per_ms))
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / per_ms) + 1000)
            return 0
            """;

    private final Supplier<RedisCommands<String, String>> redis;
    private final String keyPrefix;
    private final String name;
    private final Rate rate;

    /**
     * {@code service}: the key prefix of the service's Redis keys; {@code name}: what is limited. The bucket's key is
     * {@code <service>:rate:<name>:<subject>}.
     */
    public RateLimit(Supplier<RedisCommands<String, String>> redis, String service, String name, Rate rate) {
        this.redis = redis;
        this.keyPrefix = service + ":rate:" + name + ":";
        this.name = name;
        this.rate = rate;
    }

    public Rate rate() {
        return rate;
    }

    /** @throws ApiException 429 {@code rate_limited} with {@code Retry-After} when the subject's bucket is empty */
    public void take(String subject) {
        tryTake(subject).ifPresent(wait -> {
            throw refusal(wait);
        });
    }

    /** Takes a token when there is one; otherwise answers how long until there is, and takes nothing. */
    public Optional<Duration> tryTake(String subject) {
        Long waitMillis = redis.get().eval(TAKE, ScriptOutputType.INTEGER, new String[] {keyPrefix + subject},
                String.valueOf(rate.burst()), String.valueOf(rate.perSecond()));
        return waitMillis != null && waitMillis > 0 ? Optional.of(Duration.ofMillis(waitMillis)) : Optional.empty();
    }

    /** The 429 a refused use answers: {@code Retry-After} in whole seconds, at least one. */
    public ApiException refusal(Duration wait) {
        return ApiException.tooManyRequests("rate_limited", "Too many " + name + " in a short time, retry later",
                Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    /** {@code burst} uses at once, then {@code perSecond} a second. */
    public record Rate(int burst, double perSecond) {
        public Rate {
            if (burst < 1 || !(perSecond > 0)) {
                throw new IllegalArgumentException("a rate needs a burst of at least 1 and a positive refill");
            }
        }
    }
}
