package io.wechat.chat.messages;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.CommittedChanges;
import io.wechat.chat.conversations.CreationRecord;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.SystemMessage;
import io.wechat.chat.events.EventPublisher;
import io.wechat.chat.storage.StreamImages;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.UserDirectory;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.storage.Items;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Delivers the message events from what the messages table committed: a batch of its DynamoDB stream (a Lambda
 * event source mapping in AWS, the local edge locally), each record turned into {@code message.sent} (INSERT),
 * {@code message.edited}, {@code message.recalled} or {@code message.removed} (MODIFY), a committed change's own event
 * (a direct conversation's creation record, a group's system message), pushed as a frame to the members' live connections
 * and published to SNS. Whatever dies when, a committed
 * message is published at least once: a record is only done when its event was published, and a failed one is
 * reported ({@code batchItemFailures}) so that it and everything after it in the shard is delivered again.
 *
 * <p>Each event's {@code eventId} and {@code occurredAt} are derived from the item, so a record delivered twice
 * publishes the same event twice and consumers, which dedupe on {@code eventId}, act once.
 */
public final class MessageStreamConsumer {
    /** The events published from the stream, and so not from the request that wrote the message. */
    public static final Set<String> TYPES = Set.of("message.sent", "message.edited", "message.recalled", "message.removed",
            "media.shared");
    private static final System.Logger LOG = System.getLogger(MessageStreamConsumer.class.getName());

    private final ConversationService conversations;
    private final UserDirectory users;
    private final BlockStore blocks;
    private final EventPublisher events;
    private final Consumer<Message> sentHook;
    private final CommittedChanges changes;
    private final BiConsumer<Map<String, AttributeValue>, Map<String, AttributeValue>> indexHook;

    /**
     * {@code events} takes each event with {@link EventPublisher#send}: the members' live connections get its frame
     * (once each, however often the record comes) and SNS gets the event, or it throws.
     */
    public MessageStreamConsumer(ConversationService conversations, UserDirectory users, BlockStore blocks,
                                 EventPublisher events) {
        this(conversations, users, blocks, events, message -> { }, new CommittedChanges(events), (before, after) -> { });
    }

    /**
     * {@code sentHook}: what else a committed new message moves (its mention marks, the usage counters), after its {@code message.sent}
     * is published; it must be idempotent, as the record is delivered again when it throws. {@code changes}: what
     * publishes a group's change from its system message. {@code indexHook}: what keeps the search index, given each
     * message record's old and new image (null when absent); idempotent too.
     */
    public MessageStreamConsumer(ConversationService conversations, UserDirectory users, BlockStore blocks,
                                 EventPublisher events, Consumer<Message> sentHook, CommittedChanges changes,
                                 BiConsumer<Map<String, AttributeValue>, Map<String, AttributeValue>> indexHook) {
        this.changes = changes;
        this.indexHook = indexHook;
        this.conversations = conversations;
        this.users = users;
        this.blocks = blocks;
        this.events = events;
        this.sentHook = sentHook;
    }

    /** Whether {@code event} is a batch of a DynamoDB stream (Lambda's {@code DynamodbEvent}). */
    public static boolean handles(JsonNode event) {
        JsonNode records = event.path("Records");
        return records.isArray() && !records.isEmpty() && "aws:dynamodb".equals(records.get(0).path("eventSource").asText());
    }

    /**
     * Publishes the batch's events in order and answers Lambda's partial batch response: the first record that could
     * not be published, by its sequence number (the ones after it come again anyway, in order).
     */
    public ObjectNode handle(JsonNode event) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (JsonNode record : event.path("Records")) {
            try {
                publish(record);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot publish the event of stream record "
                        + record.path("dynamodb").path("SequenceNumber").asText() + "; it will be delivered again", e);
                failures.addObject().put("itemIdentifier", record.path("dynamodb").path("SequenceNumber").asText());
                break;
            }
        }
        return response;
    }

    private void publish(JsonNode record) {
        JsonNode images = record.path("dynamodb");
        String eventName = record.path("eventName").asText();
        if ("INSERT".equals(eventName) && CreationRecord.is(StreamImages.item(images.get("NewImage")))) {
            changes.publishCreation(StreamImages.item(images.get("NewImage")));
        } else if ("INSERT".equals(eventName) && SystemMessage.isSystem(StreamImages.item(images.get("NewImage")))) {
            // A group's change and the line that tells it: its own event, no message.sent (no push, not a message).
            Map<String, AttributeValue> item = StreamImages.item(images.get("NewImage"));
            changes.publish(item, Json.MAPPER.valueToTree(Message.fromItem(item)));
        } else if ("INSERT".equals(eventName)) {
            Map<String, AttributeValue> item = StreamImages.item(images.get("NewImage"));
            Message message = Message.fromItem(item);
            if (message.forwarded() && message.mediaId() != null) {
                mediaShared(message);
            }
            sent(message);
            sentHook.accept(message);
            indexHook.accept(null, item);
        } else if ("MODIFY".equals(eventName)) {
            Message before = Message.fromItem(StreamImages.item(images.get("OldImage")));
            Map<String, AttributeValue> newImage = StreamImages.item(images.get("NewImage"));
            Message after = Message.fromItem(newImage);
            indexHook.accept(StreamImages.item(images.get("OldImage")), newImage);
            if (after.removed() && !before.removed()) {
                String at = Times.format(Instant.ofEpochSecond(images.path("ApproximateCreationDateTime").asLong()));
                removed(after, before.mediaId(), Items.str(newImage, "removed_by"), Items.str(newImage, "removed_reason"), at);
            } else if (after.removed()) {
                return;
            } else if (after.recalled() && !before.recalled()) {
                String at = Times.format(Instant.ofEpochSecond(images.path("ApproximateCreationDateTime").asLong()));
                recalled(after, at);
            } else if (!after.recalled() && !Objects.equals(before.editedAt(), after.editedAt())) {
                edited(after);
            }
        }
    }

    private void sent(Message message) {
        Conversation conversation;
        try {
            conversation = conversations.requireConversation(message.conversationId());
        } catch (ApiException e) {
            LOG.log(Level.WARNING, "Message " + message.messageId() + " of unknown conversation " + message.conversationId()
                    + ": no message.sent");
            return;
        }
        List<String> recipients = recipients(message);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", message.conversationId());
        payload.put("conversationType", conversation.type().wire());
        payload.put("conversationTitle", conversation.title());
        payload.put("message", message);
        payload.put("senderDisplayName", users.shownName(message.senderId(), new Caller(message.senderId(), "")));
        payload.put("preview", message.preview());
        payload.put("recipients", recipients);
        publish("message.sent", message, "", message.createdAt(), payload);
    }

    private void edited(Message message) {
        publish("message.edited", message, message.editedAt(), message.editedAt(), Map.of(
                "conversationId", message.conversationId(), "message", message, "recipients", recipients(message)));
    }

    private void recalled(Message message, String at) {
        publish("message.recalled", message, "", at, Map.of(
                "conversationId", message.conversationId(), "messageId", message.messageId(),
                "senderId", message.senderId(), "seq", message.seq(), "recipients", recipients(message)));
    }

    /**
     * A forwarded image or file: media-service lets this conversation's members read it. Published before the
     * {@code message.sent}, so that the media is readable by the time most recipients look.
     */
    private void mediaShared(Message message) {
        publish("media.shared", message, "", message.createdAt(), Map.of(
                "conversationId", message.conversationId(), "mediaId", message.mediaId(),
                "messageId", message.messageId(), "sharedBy", message.senderId()));
    }

    /** To every member, the sender included: everyone's copy of the message becomes the tombstone. */
    private void removed(Message message, String mediaId, String removedBy, String reason, String at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", message.conversationId());
        payload.put("messageId", message.messageId());
        payload.put("senderId", message.senderId());
        payload.put("seq", message.seq());
        payload.put("mediaId", mediaId);
        payload.put("removedBy", removedBy);
        payload.put("reason", reason);
        payload.put("recipients", conversations.memberIds(message.conversationId()));
        publish("message.removed", message, "", at, payload);
    }

    private void publish(String type, Message message, String version, String occurredAt, Object payload) {
        events.send(new EventEnvelope(eventId(type, message.messageId(), version), type, EventEnvelope.VERSION, occurredAt,
                                      Json.MAPPER.valueToTree(payload)), message.conversationId());
    }

    /** The other members, but those who block the sender: in a group they get no frame and no push of the sender's messages. */
    private List<String> recipients(Message message) {
        List<String> others = conversations.memberIds(message.conversationId()).stream()
                .filter(id -> !id.equals(message.senderId())).toList();
        Set<String> blockers = blocks.blockersAmong(message.senderId(), others);
        return others.stream().filter(id -> !blockers.contains(id)).toList();
    }

    /** The id of a message's {@code message.sent}: also the id of its {@code message.new} frame. */
    public static String sentEventId(String messageId) {
        return eventId("message.sent", messageId, "");
    }

    /** The same event of the same item always gets the same id (a name-based UUID). */
    static String eventId(String type, String messageId, String version) {
        return UUID.nameUUIDFromBytes((type + "/" + messageId + "/" + version).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
