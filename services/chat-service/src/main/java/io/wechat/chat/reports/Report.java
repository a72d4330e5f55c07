package io.wechat.chat.reports;

import java.util.HashMap;
import java.util.Map;

import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A report as stored in the moderation table: {@code REPORT#<reportId>} / {@code REPORT}, with {@code status} and
 * {@code created_key} ({@code <createdAt>#<reportId>}) for the status index. {@code userId} is the reported user: a
 * message report's sender.
 */
record Report(String reportId, String status, String conversationId, String messageId, String userId, String reporterId,
              String reason, String createdAt, Resolution resolution) {
    static final String OPEN = "open";
    static final String RESOLVED = "resolved";
    static final String SK = "REPORT";

    /** How it was resolved. */
    record Resolution(String action, String note, String actorId, String at) {
    }

    static String pk(String reportId) {
        return "REPORT#" + reportId;
    }

    /** The one-open-report lock's key: this reporter and this target (a message, else a user). */
    Map<String, AttributeValue> lockKey() {
        String target = messageId != null ? "message#" + conversationId + "#" + messageId : "user#" + userId;
        return Keys.item("REPORTLOCK#" + reporterId + "#" + target, "LOCK");
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(pk(reportId), SK));
        item.put("report_id", Items.s(reportId));
        item.put("status", Items.s(status));
        item.put("created_key", Items.s(createdAt + "#" + reportId));
        item.put("conversation_id", Items.s(conversationId));
        if (messageId != null) {
            item.put("message_id", Items.s(messageId));
        }
        item.put("user_id", Items.s(userId));
        item.put("reporter_id", Items.s(reporterId));
        item.put("reason", Items.s(reason));
        item.put("created_at", Items.s(createdAt));
        return item;
    }

    static Report fromItem(Map<String, AttributeValue> item) {
        String action = Items.str(item, "resolution_action");
        Resolution resolution = action == null ? null : new Resolution(action, Items.str(item, "resolution_note"),
                Items.str(item, "resolved_by"), Items.str(item, "resolved_at"));
        return new Report(Items.str(item, "report_id"), Items.str(item, "status"), Items.str(item, "conversation_id"),
                Items.str(item, "message_id"), Items.str(item, "user_id"), Items.str(item, "reporter_id"),
                Items.str(item, "reason"), Items.str(item, "created_at"), resolution);
    }
}
