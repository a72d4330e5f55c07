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
 * A direct conversation's {@code conversation.created}, committed in the same transaction as the conversation: an item
 * at seq 0 of its messages partition, so that the messages table's stream publishes the event from what was committed,
 * at least once, whatever dies when (see {@link CommittedChanges}). It is not a message: history and sync read from
 * seq 1 on, and without a {@code message_id} or {@code sent_at_message_id} it is in no index. (A group's creation is a
 * visible system message instead, {@link SystemMessage}.)
 */
public final class CreationRecord {
    static final long SEQ = 0;
    static final String EVENT_TYPE = "conversation.created";

    private CreationRecord() {
    }

    static Map<String, AttributeValue> toItem(String conversationId, String createdAt, Map<String, Object> eventPayload) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.message(conversationId, SEQ));
        item.put("created_at", AttributeValue.fromS(createdAt));
        item.put("event_type", AttributeValue.fromS(EVENT_TYPE));
        item.put("event_payload", AttributeValue.fromS(Json.MAPPER.valueToTree(eventPayload).toString()));
        return item;
    }

    /** Whether a messages-table item is a creation record rather than a message. */
    public static boolean is(Map<String, AttributeValue> item) {
        return item.containsKey("event_type") && !item.containsKey("message_id") && Items.num(item, "seq") == SEQ;
    }

    /** The conversation's one {@code conversation.created} always gets the same id, however often it is delivered. */
    static String eventId(String conversationId) {
        return UUID.nameUUIDFromBytes((EVENT_TYPE + "/conversation/" + conversationId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
