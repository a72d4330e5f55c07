package io.wechat.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The notification path: an offline recipient's push latency, and the drain of a backlog vs raw SQS. */
final class Notifications {
    private final Options o;
    private final Api api;
    private final Cloud cloud;
    private final String runId;

    Notifications(Options o, Api api, Cloud cloud, String runId) {
        this.o = o;
        this.api = api;
        this.cloud = cloud;
        this.runId = runId;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        String queueUrl = cloud.queueUrlOf("notification-service");
        Bench.Session sender = Bench.login(api, o.prefix + "_nsend");
        Bench.Session offline = Bench.login(api, o.prefix + "_noff");
        var dev = api.post("/devices", offline.token(), Map.of("platform", "web", "token", o.prefix + "-web-device"));
        if (dev.status() != 200 && dev.status() != 201) {
            throw new IllegalStateException("register device: " + dev.status() + " " + dev.raw());
        }
        var conv = api.post("/conversations", sender.token(), Map.of("type", "direct", "memberIds", List.of(offline.userId())));
        String conversationId = conv.body().path("conversationId").asText();
        double quiet = awaitEmpty(cloud, queueUrl, 60);
        log("notification path: queue drained of the message phases' events in %.1f s", quiet);
        m.put("pushLatency", pushLatency(sender, offline, conversationId));
        m.put("drain", drain(queueUrl, sender, offline, conversationId));
        return m;
    }

    private Map<String, Object> pushLatency(Bench.Session sender, Bench.Session offline, String conversationId) throws Exception {
        Stats s = new Stats();
        int missing = 0;
        log("notification path: %d sends to an offline recipient with a web device, polling GET /notifications", o.notifySamples);
        for (int i = 0; i < o.notifySamples; i++) {
            String cmid = UUID.randomUUID().toString();
            long start = System.nanoTime();
            var r = api.post("/conversations/" + conversationId + "/messages", sender.token(),
                    Map.of("clientMessageId", cmid, "type", "text", "text", "bench push " + i));
            String messageId = r.body().path("messageId").asText();
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            boolean seen = false;
            while (System.nanoTime() < deadline) {
                var n = api.get("/notifications?limit=10", offline.token());
                if (n.status() == 200 && n.raw().contains(messageId)) {
                    s.recordNanos(System.nanoTime() - start);
                    seen = true;
                    break;
                }
                Thread.sleep(10);
            }
            if (!seen) {
                missing++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(s.summary());
        m.put("missing", missing);
        log("  push recorded: p50 %.1f ms, max %.1f ms, missing %d", s.p(50), s.max(), missing);
        return m;
    }

    private String envelope(Bench.Session sender, Bench.Session offline, String conversationId, int i) throws Exception {
        String now = Instant.now().toString();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageId", UUID.randomUUID().toString());
        message.put("conversationId", conversationId);
        message.put("seq", 1_000_000 + i);
        message.put("senderId", sender.userId());
        message.put("type", "text");
        message.put("text", "bench backlog " + i);
        message.put("mediaId", null);
        message.put("clientMessageId", UUID.randomUUID().toString());
        message.put("createdAt", now);
        message.put("editedAt", null);
        message.put("recalled", false);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", conversationId);
        payload.put("conversationType", "direct");
        payload.put("conversationTitle", null);
        payload.put("message", message);
        payload.put("senderDisplayName", "Bench sender");
        payload.put("preview", "bench backlog " + i);
        payload.put("recipients", List.of(offline.userId()));
        payload.put("onlineRecipientIds", List.of());
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("eventId", UUID.randomUUID().toString());
        env.put("type", "message.sent");
        env.put("version", 1);
        env.put("occurredAt", now);
        env.put("payload", payload);
        return Api.JSON.writeValueAsString(env);
    }

    private void publish(String queueUrl, List<String> bodies) {
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int j = i; j < Math.min(i + 10, bodies.size()); j++) {
                batch.add(SendMessageBatchRequestEntry.builder().id("m" + j).messageBody(bodies.get(j))
                        .messageAttributes(Map.of("type", software.amazon.awssdk.services.sqs.model.MessageAttributeValue
                                .builder().dataType("String").stringValue("message.sent").build()))
                        .build());
            }
            var r = cloud.sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            if (!r.failed().isEmpty()) {
                throw new IllegalStateException("SendMessageBatch failed: " + r.failed().get(0));
            }
        }
    }

    private Map<String, Object> drain(String queueUrl, Bench.Session sender, Bench.Session offline, String conversationId) throws Exception {
        int n = o.backlog;
        List<String> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bodies.add(envelope(sender, offline, conversationId, i));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", n);

        log("drain: %d message.sent events published to notification-service's queue (batches of 10), until empty", n);
        long t0 = System.nanoTime();
        Thread pub = Thread.ofVirtual().start(() -> publish(queueUrl, bodies));
        pub.join();
        double published = (System.nanoTime() - t0) / 1e9;
        double emptyAfter = awaitEmpty(cloud, queueUrl, Math.max(120, n / 5));
        double total = published + emptyAfter;
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("publishSeconds", Stats.round(published));
        svc.put("seconds", Stats.round(total));
        svc.put("completed", !Double.isNaN(emptyAfter));
        svc.put("eventsPerSecond", Stats.round(n / total));
        m.put("notificationService", svc);
        log("  notification-service: %d events in %.1f s = %.1f events/s (publishing took %.1f s)", n, total, n / total, published);

        String raw = cloud.sqs.createQueue(b -> b.queueName("bench-" + runId + "-raw")).queueUrl();
        try {
            log("drain: raw SQS loop over %d messages on a bench queue (receive 10 + delete batch)", n);
            AtomicLong consumed = new AtomicLong();
            long r0 = System.nanoTime();
            Thread rpub = Thread.ofVirtual().start(() -> publish(raw, bodies));
            long deadline = r0 + TimeUnit.SECONDS.toNanos(Math.max(120, n / 5));
            while (consumed.get() < n && System.nanoTime() < deadline) {
                var msgs = cloud.sqs.receiveMessage(b -> b.queueUrl(raw).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                if (msgs.isEmpty()) {
                    continue;
                }
                cloud.sqs.deleteMessageBatch(b -> b.queueUrl(raw).entries(msgs.stream().map(x ->
                        software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                                .id(x.messageId()).receiptHandle(x.receiptHandle()).build()).toList()));
                consumed.addAndGet(msgs.size());
            }
            rpub.join();
            double rs = (System.nanoTime() - r0) / 1e9;
            Map<String, Object> rawm = new LinkedHashMap<>();
            rawm.put("seconds", Stats.round(rs));
            rawm.put("consumed", consumed.get());
            rawm.put("eventsPerSecond", Stats.round(consumed.get() / rs));
            m.put("rawSqsLoop", rawm);
            m.put("ratio", Stats.round((n / total) / (consumed.get() / rs)));
            log("  raw SQS loop: %d in %.1f s = %.1f msg/s; notification-service drains at %.2fx of it",
                    consumed.get(), rs, consumed.get() / rs, (n / total) / (consumed.get() / rs));
        } finally {
            cloud.sqs.deleteQueue(b -> b.queueUrl(raw));
        }
        return m;
    }

    /** Seconds until ApproximateNumberOfMessages + NotVisible is 0 (twice in a row); NaN on timeout. */
    static double awaitEmpty(Cloud cloud, String queueUrl, int timeoutSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int zeros = 0;
        while (System.nanoTime() < deadline) {
            var attrs = cloud.sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            long left = Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            if (left == 0) {
                if (++zeros >= 2) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            } else {
                zeros = 0;
            }
            Thread.sleep(100);
        }
        return Double.NaN;
    }

    private static void log(String fmt, Object... args) {
        Bench.log(fmt, args);
    }

}
