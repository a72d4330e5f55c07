package io.wechat.edge.http;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    @Test
    void allowsTheBurstThenTheRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(2, 3, now::get);
        assertTrue(bucket.tryAcquire());
        assertTrue(bucket.tryAcquire());
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
        now.addAndGet(500_000_000L);
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
        now.addAndGet(10_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryAcquire());
        }
        assertFalse(bucket.tryAcquire(), "the bucket never holds more than the burst");
    }

    @Test
    void saysHowLongUntilTheNextToken() {
        AtomicLong now = new AtomicLong();
        TokenBucket slow = new TokenBucket(0.25, 1, now::get);
        assertTrue(slow.tryAcquire());
        assertEquals(4, slow.secondsUntilNextToken());
        now.addAndGet(1_500_000_000L);
        assertEquals(3, slow.secondsUntilNextToken(), "2.5 s to go, rounded up");
        TokenBucket fast = new TokenBucket(100, 1, now::get);
        assertTrue(fast.tryAcquire());
        assertEquals(1, fast.secondsUntilNextToken(), "never less than a second");
    }
}
