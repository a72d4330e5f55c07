package io.wechat.notification.push;

import java.util.LinkedHashMap;
import java.util.Map;

import io.wechat.kit.web.Json;

/**
 * The SNS message of one push, for {@code MessageStructure=json}: a payload per platform, each itself a
 * JSON string, and {@code default} for any other. APNs gets an alert grouped by conversation
 * ({@code thread-id}); FCM the HTTP v1 message ({@code fcmV1Message}) with string-only data, tagged with the message id.
 */
public final class PushPayloads {
    private PushPayloads() {
    }

    public static String snsMessage(String title, String body, String conversationId, String messageId) {
        Map<String, Object> structure = new LinkedHashMap<>();
        String apns = Json.write(apns(title, body, conversationId, messageId));
        structure.put("default", body);
        structure.put("APNS", apns);
        structure.put("APNS_SANDBOX", apns);
        structure.put("GCM", Json.write(fcm(title, body, conversationId, messageId)));
        return Json.write(structure);
    }

    static Map<String, Object> apns(String title, String body, String conversationId, String messageId) {
        Map<String, Object> alert = new LinkedHashMap<>();
        if (title != null) {
            alert.put("title", title);
        }
        alert.put("body", body);
        Map<String, Object> aps = new LinkedHashMap<>();
        aps.put("alert", alert);
        aps.put("sound", "default");
        aps.put("thread-id", conversationId);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aps", aps);
        payload.put("conversationId", conversationId);
        payload.put("messageId", messageId);
        return payload;
    }

    static Map<String, Object> fcm(String title, String body, String conversationId, String messageId) {
        Map<String, Object> notification = new LinkedHashMap<>();
        if (title != null) {
            notification.put("title", title);
        }
        notification.put("body", body);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("notification", notification);
        message.put("data", Map.of("conversationId", conversationId, "messageId", messageId));
        // The same tag replaces a shown notification and the same collapse key an undelivered one: a push sent again
        // for the same message never becomes a second notification.
        message.put("android", Map.of("priority", "high", "collapse_key", messageId, "notification", Map.of("tag", messageId)));
        return Map.of("fcmV1Message", Map.of("message", message));
    }
}
