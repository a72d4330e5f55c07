package io.wechat.chat.conversations;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.events.EventPublisher;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.storage.Items;
import io.wechat.kit.web.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Publishes the event a committed system message carries ({@code conversation.created}, {@code conversation.updated},
 * {@code member.added}, {@code member.removed}, {@code member.role-changed}, {@code conversation.owner-changed}), from
 * the messages table's stream: the members' live connections get it as a {@code conversation.updated} frame with the
 * system message in it, then SNS. Its {@code eventId} is derived from the message id and its {@code occurredAt} is
 * the message's time, so a record delivered twice publishes the same event twice and consumers act once. A direct
 * conversation's {@code conversation.created} comes the same way from its {@link CreationRecord}.
 */
public final class CommittedChanges {
    private final EventPublisher events;

    public CommittedChanges(EventPublisher events) {
        this.events = events;
    }

    /** Publishes the change {@code item} (a system message's new image) tells; {@code message}: the item as answered. */
    public void publish(Map<String, AttributeValue> item, JsonNode message) {
        String type = Items.str(item, "event_type");
        ObjectNode payload = (ObjectNode) Json.tree(Items.str(item, "event_payload").getBytes(StandardCharsets.UTF_8));
        payload.set("message", message);
        String conversationId = Items.str(item, "conversation_id");
        events.send(new EventEnvelope(SystemMessage.eventId(type, Items.str(item, "message_id")), type,
                EventEnvelope.VERSION, Items.str(item, "created_at"), payload), conversationId);
    }

    /** Publishes the {@code conversation.created} a direct conversation's committed {@link CreationRecord} holds. */
    public void publishCreation(Map<String, AttributeValue> item) {
        JsonNode payload = Json.tree(Items.str(item, "event_payload").getBytes(StandardCharsets.UTF_8));
        String conversationId = Items.str(item, "conversation_id");
        events.send(new EventEnvelope(CreationRecord.eventId(conversationId), Items.str(item, "event_type"),
                EventEnvelope.VERSION, Items.str(item, "created_at"), payload), conversationId);
    }
}
