package io.wechat.bench;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows each message from the send until every recipient's socket has its {@code message.new}, keyed by the
 * clientMessageId that the bench chose (known before the send, so a frame that overtakes the HTTP answer,
 * which the fan-out inside the send makes the rule, still counts).
 */
final class Tracker {
    final class Pending {
        final long start;
        final Set<String> waiting = ConcurrentHashMap.newKeySet();
        final Stats delivered;
        volatile boolean done;

        Pending(long start, Collection<String> recipients, Stats delivered) {
            this.start = start;
            this.waiting.addAll(recipients);
            this.delivered = delivered;
        }
    }

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    final AtomicLong deliveredCount = new AtomicLong();
    final AtomicLong lastDeliveryNanos = new AtomicLong();
    final AtomicLong framesSeen = new AtomicLong();
    /** Every frame the bench's sockets received: each one is an {@code @connections} post chat-service made. */
    final AtomicLong allFrames = new AtomicLong();

    void expect(String clientMessageId, long start, Collection<String> recipients, Stats delivered) {
        pending.put(clientMessageId, new Pending(start, recipients, delivered));
    }

    /** The send failed: nobody will get it, it is an error and not a loss. */
    void forget(String clientMessageId) {
        pending.remove(clientMessageId);
    }

    void onFrame(Client to, JsonNode frame, long now) {
        allFrames.incrementAndGet();
        if (!"message.new".equals(frame.path("type").asText())) {
            return;
        }
        framesSeen.incrementAndGet();
        String cmid = frame.path("message").path("clientMessageId").asText(null);
        if (cmid == null) {
            return;
        }
        Pending p = pending.get(cmid);
        if (p == null || !p.waiting.remove(to.userId)) {
            return;
        }
        if (p.waiting.isEmpty() && pending.remove(cmid, p)) {
            p.done = true;
            p.delivered.recordNanos(now - p.start);
            deliveredCount.incrementAndGet();
            lastDeliveryNanos.accumulateAndGet(now, Math::max);
        }
    }

    /** Waits up to {@code timeoutMs} for the outstanding messages; answers how many never reached everyone. */
    int awaitOutstanding(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        int lost = pending.size();
        pending.clear();
        return lost;
    }
}
