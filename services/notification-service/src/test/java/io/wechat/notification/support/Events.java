package io.wechat.notification.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.wechat.kit.web.Json;

/** chat-service's message.sent events and the SQS batches that carry them, as the tests send them. */
public final class Events {
    private Events() {
    }

    /** A direct message from {@code senderId} to {@code recipients}, with these of them online. */
    public static Map<String, Object> messageSent(String senderId, String senderName, String text,
                                                  List<String> recipients, List<String> online) {
        return messageSent(UUID.randomUUID().toString(), "c-" + UUID.randomUUID().toString().substring(0, 8),
                senderId, senderName, text, recipients, online);
    }

    public static Map<String, Object> messageSent(String eventId, String conversationId, String senderId,
                                                  String senderName, String text, List<String> recipients,
                                                  List<String> online) {
        String now = Instant.now().toString();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageId", UUID.randomUUID().toString());
        message.put("conversationId", conversationId);
        message.put("senderId", senderId);
        message.put("type", "text");
        message.put("text", text);
        message.put("createdAt", now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", conversationId);
        payload.put("conversationType", "direct");
        payload.put("conversationTitle", null);
        payload.put("message", message);
        payload.put("senderDisplayName", senderName);
        payload.put("preview", text);
        payload.put("recipients", recipients);
        if (online != null) {
            payload.put("onlineRecipientIds", online);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId);
        envelope.put("type", "message.sent");
        envelope.put("version", 1);
        envelope.put("occurredAt", now);
        envelope.put("payload", payload);
        return envelope;
    }

    /** An SQS event: each body is an event map (written as JSON) or a raw string; messageIds m-0, m-1 ... */
    public static Map<String, Object> sqsBatch(Object... bodies) {
        List<Map<String, Object>> records = new ArrayList<>();
        int i = 0;
        for (Object body : bodies) {
            records.add(Map.of("messageId", "m-" + i++, "eventSource", "aws:sqs",
                    "body", body instanceof String raw ? raw : Json.write(body)));
        }
        return Map.of("Records", records);
    }
}
