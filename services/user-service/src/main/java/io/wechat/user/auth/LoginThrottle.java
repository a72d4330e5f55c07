package io.wechat.user.auth;

import java.time.Duration;
import java.util.function.Supplier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.wechat.kit.web.ApiException;

/**
 * Slows password guessing without handing a stranger the power to lock an owner out.
 * <ul>
 * <li>Per (username, client address): the first {@code freeAttempts} failures cost nothing; each further one
 * makes that pair wait, twice as long each time ({@code baseDelay}, 2x, 4x ... up to {@code maxDelay}). The same
 * username from another address is not slowed, so the owner's correct password still works while someone else
 * guesses; a success clears the pair.</li>
 * <li>Per client address, across usernames: at most {@code perAddress} failures per {@code addressWindow}
 * (a password spray); a success does not reset it.</li>
 * </ul>
 * Every attempt is counted as a failure before the password is checked, in one Lua script, and the count is
 * taken back on success: concurrent guesses cannot slip between a check and a count.
 */
public final class LoginThrottle {
    private static final String PAIR_FAILURES = "user-service:login:pair-failures:";
    private static final String PAIR_LOCK = "user-service:login:pair-lock:";
    private static final String ADDRESS_FAILURES = "user-service:login:address-failures:";

    /*
     * KEYS: pair failures, pair lock, address failures. ARGV: free attempts, base delay ms, max delay ms,
     * pair memory s, address limit, address window s. Returns 0 (go ahead) or the milliseconds to wait.
     */
    private static final String ATTEMPT = """
            local locked = redis.call('PTTL', KEYS[2])
            if locked > 0 then return locked end
            local spray = tonumber(redis.call('GET', KEYS[3]) or '0')
            if spray >= tonumber(ARGV[5]) then
              local ttl = redis.call('PTTL', KEYS[3])
              if ttl > 0 then return ttl end
              return tonumber(ARGV[6]) * 1000
            end
            local n = redis.call('INCR', KEYS[1])
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            local over = n - tonumber(ARGV[1])
            if over > 0 then
              local delay = math.min(tonumber(ARGV[2]) * 2 ^ math.min(over - 1, 30), tonumber(ARGV[3]))
              redis.call('SET', KEYS[2], '1', 'PX', math.floor(delay))
            end
            if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ARGV[6]) end
            return 0
            """;

    /* KEYS: pair failures, pair lock, address failures. Takes back the attempt's counts. */
    private static final String SUCCEEDED = """
            redis.call('DEL', KEYS[1], KEYS[2])
            if tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then redis.call('DECR', KEYS[3]) end
            return 1
            """;

    private final Supplier<RedisCommands<String, String>> redis;
    private final Limits limits;

    public LoginThrottle(Supplier<RedisCommands<String, String>> redis, Limits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    /**
     * Counts an attempt (as a failure until {@link #succeeded}).
     *
     * @throws ApiException 429 with the time to wait when the pair or the address must wait
     */
    public void attempt(String username, String address) {
        Long waitMillis = redis.get().eval(ATTEMPT, ScriptOutputType.INTEGER, keys(username, address),
                                           String.valueOf(limits.freeAttempts()),
                                           String.valueOf(limits.baseDelay().toMillis()),
                                           String.valueOf(limits.maxDelay().toMillis()),
                                           String.valueOf(limits.pairMemory().toSeconds()),
                                           String.valueOf(limits.perAddress()),
                                           String.valueOf(limits.addressWindow().toSeconds()));
        if (waitMillis != null && waitMillis > 0) {
            throw ApiException.tooManyRequests("too_many_requests", "too many attempts, retry later",
                    Duration.ofSeconds((waitMillis + 999) / 1000));
        }
    }

    /** The attempt was a correct password: the pair starts over and the address is not charged. */
    public void succeeded(String username, String address) {
        redis.get().eval(SUCCEEDED, ScriptOutputType.INTEGER, keys(username, address));
    }

    private static String[] keys(String username, String address) {
        String pair = username + "|" + address;
        return new String[] {PAIR_FAILURES + pair, PAIR_LOCK + pair, ADDRESS_FAILURES + address};
    }

    /**
     * @param freeAttempts  failures of one (username, address) before delays start
     * @param baseDelay     the first delay; each further failure doubles it
     * @param maxDelay      the longest delay
     * @param pairMemory    how long a pair's failures are remembered after its last attempt
     * @param perAddress    failures from one address, any usernames, per {@code addressWindow}
     * @param addressWindow the fixed window of the address limit, from its first failure
     */
    public record Limits(int freeAttempts, Duration baseDelay, Duration maxDelay, Duration pairMemory, int perAddress,
                         Duration addressWindow) {
        public Limits {
            if (freeAttempts < 1 || perAddress < 1 || !positive(baseDelay) || !positive(maxDelay)
                    || !positive(pairMemory) || !positive(addressWindow) || maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("login throttle limits must be positive, max delay >= base delay");
            }
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }
    }
}
