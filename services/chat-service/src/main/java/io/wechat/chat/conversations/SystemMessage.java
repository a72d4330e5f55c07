package io.wechat.chat.conversations;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.wechat.chat.storage.Keys;
import io.wechat.kit.storage.Items;
import io.wechat.kit.web.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A line in a group's timeline that tells a change of the group ("Alice added Bob"), written in the same transaction
 * as the change. Its item in the messages table also holds the event that announces the change ({@code event_type},
 * {@code event_payload}), so the table's stream publishes the event from what was committed, at least once, whatever
 * dies when (see {@link CommittedChanges}). Type {@code system}: no client can send one, edit or recall it.
 */
public record SystemMessage(String messageId, String conversationId, String actorId, String text, String createdAt,
                            String eventType, Map<String, Object> eventPayload) {
    public static final String TYPE = "system";

    static SystemMessage of(String conversationId, String actorId, String text, String createdAt, String eventType,
                            Map<String, Object> eventPayload) {
        return new SystemMessage(UUID.randomUUID().toString(), conversationId, actorId, text, createdAt, eventType,
                eventPayload);
    }

    Map<String, AttributeValue> toItem(long seq) {
        // No sent_at_message_id: system messages stay out of sender-timestamp-index (nobody's sent messages).
        Map<String, AttributeValue> item = new HashMap<>(Keys.message(conversationId, seq));
        item.put("message_id", AttributeValue.fromS(messageId));
        item.put("sender_id", AttributeValue.fromS(actorId));
        item.put("type", AttributeValue.fromS(TYPE));
        item.put("text", AttributeValue.fromS(text));
        item.put("created_at", AttributeValue.fromS(createdAt));
        item.put("recalled", AttributeValue.fromBool(false));
        item.put("event_type", AttributeValue.fromS(eventType));
        item.put("event_payload", AttributeValue.fromS(Json.MAPPER.valueToTree(eventPayload).toString()));
        return item;
    }

    LastMessage last(long seq) {
        return new LastMessage(messageId, seq, actorId, TYPE, text, createdAt, false);
    }

    /** Whether a messages-table item is a system message. */
    public static boolean isSystem(Map<String, AttributeValue> item) {
        return TYPE.equals(Items.str(item, "type")) && item.containsKey("event_type");
    }

    /** The same event of the same system message always gets the same id, however often its record is delivered. */
    static String eventId(String eventType, String messageId) {
        return UUID.nameUUIDFromBytes((eventType + "/" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
