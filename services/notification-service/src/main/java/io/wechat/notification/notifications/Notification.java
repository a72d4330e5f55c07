package io.wechat.notification.notifications;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.wechat.kit.storage.Items;
import io.wechat.notification.storage.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One push as the recipient's log shows it: {@code title} is null when previews are hidden;
 * {@code deviceCount} counts the devices it went to (web devices included: they read it here).
 */
public record Notification(String notificationId, String title, String body, String conversationId,
                           String messageId, String sentAt, int deviceCount) {
    public Notification {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    Map<String, AttributeValue> toItem(String userId, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.userPk(userId), Keys.notificationSk(sentAt, notificationId)));
        item.put("notification_id", AttributeValue.fromS(notificationId));
        if (title != null) {
            item.put("title", AttributeValue.fromS(title));
        }
        item.put("body", AttributeValue.fromS(body));
        item.put("conversation_id", AttributeValue.fromS(conversationId));
        item.put("message_id", AttributeValue.fromS(messageId));
        item.put("sent_at", AttributeValue.fromS(sentAt));
        item.put("device_count", Items.n(deviceCount));
        item.put("expires_at", Items.n(expiresAt));
        return item;
    }

    static Notification fromItem(Map<String, AttributeValue> item) {
        return new Notification(Items.str(item, "notification_id"), Items.str(item, "title"), Items.str(item, "body"),
                Items.str(item, "conversation_id"), Items.str(item, "message_id"), Items.str(item, "sent_at"),
                (int) Items.num(item, "device_count"));
    }
}
