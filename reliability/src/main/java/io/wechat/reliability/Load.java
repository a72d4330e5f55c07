package io.wechat.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady load while a fault happens: each lane is a group of a sender and an online recipient (both with a
 * WebSocket) and an offline recipient (a device, no socket). Each lane sends one message at a time through the
 * edge at a fixed pace; a send that fails is retried with the same clientMessageId until it is acknowledged, as a
 * client would, and every failed attempt is a client-visible error. Everything sent and acknowledged is recorded.
 */
final class Load {
    /** One message: the clientMessageId chosen here, and what acknowledged it. */
    static final class Sent {
        final Lane lane;
        final String clientMessageId;
        final long firstAttemptMillis;
        volatile String messageId;
        volatile int ackStatus;
        volatile long ackMillis;
        final AtomicInteger failedAttempts = new AtomicInteger();

        Sent(Lane lane, String clientMessageId) {
            this.lane = lane;
            this.clientMessageId = clientMessageId;
            this.firstAttemptMillis = System.currentTimeMillis();
        }
    }

    record Lane(int index, String conversationId, Users.Session sender, Users.Session online, Users.Session offline,
                Socket senderSocket, Socket onlineSocket, String offlineDeviceToken) {
    }

    /** A client-visible error: when, on which lane, and what it was. */
    record Failure(long atMillis, int lane, String what) {
    }

    private final Api edge;
    private final List<Lane> lanes;
    private final long intervalMillis;
    private final String runId;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Failure> failures = new CopyOnWriteArrayList<>();
    /** Per lane: when its last send was acknowledged (recovery is measured from these). */
    final Map<Integer, AtomicLong> lastAck = new ConcurrentHashMap<>();
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    Load(Api edge, List<Lane> lanes, double ratePerLane, String runId) {
        this.edge = edge;
        this.lanes = lanes;
        this.intervalMillis = (long) (1000 / ratePerLane);
        this.runId = runId;
        lanes.forEach(l -> lastAck.put(l.index(), new AtomicLong()));
    }

    void start() {
        running = true;
        for (Lane lane : lanes) {
            threads.add(Thread.ofPlatform().name("lane-" + lane.index()).start(() -> drive(lane)));
        }
    }

    /** Stops sending; a send still being retried is given up (it stays unacknowledged, and is reported so). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    private void drive(Lane lane) {
        int serial = 0;
        while (running) {
            long next = System.currentTimeMillis() + intervalMillis;
            Sent message = new Sent(lane, runId + "-" + lane.index() + "-" + (++serial));
            sent.add(message);
            while (running && message.messageId == null) {
                Api.Reply reply = edge.post("/conversations/" + lane.conversationId() + "/messages", lane.sender().token(),
                        Map.of("clientMessageId", message.clientMessageId, "type", "text", "text", "chaos " + message.clientMessageId));
                if ((reply.status() == 201 || reply.status() == 200) && reply.json().hasNonNull("messageId")) {
                    message.messageId = reply.json().get("messageId").asText();
                    message.ackStatus = reply.status();
                    message.ackMillis = System.currentTimeMillis();
                    lastAck.get(lane.index()).set(message.ackMillis);
                } else {
                    message.failedAttempts.incrementAndGet();
                    failures.add(new Failure(System.currentTimeMillis(), lane.index(),
                            reply.status() == 0 ? reply.text() : reply.status() + " " + abbreviate(reply.text())));
                    sleep(250);
                }
            }
            sleep(next - System.currentTimeMillis());
        }
    }

    List<Sent> acknowledged() {
        return sent.stream().filter(s -> s.messageId != null).toList();
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
