package io.wechat.edge.http;

import java.util.function.LongSupplier;

/** Stage throttling as API Gateway does it: a token bucket holding {@code burst} tokens, refilled at {@code rate} per second. */
public final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    TokenBucket(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.capacity = Math.max(burst, 1);
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    /**
     * Whole seconds until the bucket holds a token again (at least 1): the {@code Retry-After} of a throttled
     * request, which the project's API promises with every 429.
     */
    public synchronized long secondsUntilNextToken() {
        double available = Math.min(capacity, tokens + (nanoClock.getAsLong() - last) * ratePerNano);
        double missing = Math.max(0, 1 - available);
        return Math.max(1, (long) Math.ceil(missing / ratePerNano / 1_000_000_000d));
    }

    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
