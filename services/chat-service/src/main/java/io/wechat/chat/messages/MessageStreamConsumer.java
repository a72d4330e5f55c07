package io.wechat.chat.messages;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
import io.wechat.kit.events.PartlyPublished;
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
 *
 * <p>A batch is handled as a batch: the conversations of all its records are read at once (one BatchGetItem), each
 * conversation's members and each sender's blockers once per batch; a record of a conversation that does not exist
 * (no member can see it) is done without any further call. The records of one conversation are published in their
 * order, different conversations' in parallel (their order does not matter: the shard's order is kept per
 * conversation, the table's partition key). A conversation's consecutive message records go out together: their frames
 * at once, each connection's in the records' order, then their events in PublishBatch calls of 10 (the chat events
 * topic is a standard one: SNS orders none of its deliveries, one Publish at a time or not, so consumers never relied
 * on it). What else the records move (the hooks) is done once for the batch, grouped: the search postings before any
 * frame or event (a search right after a message's frame or push finds it), the rest of the bookkeeping after the
 * events; both idempotent, so when one fails the batch comes again from its first such record.
 */
public final class MessageStreamConsumer {
    /** The events published from the stream, and so not from the request that wrote the message. */
    public static final Set<String> TYPES = Set.of("message.sent", "message.edited", "message.recalled", "message.removed",
            "media.shared");
    private static final System.Logger LOG = System.getLogger(MessageStreamConsumer.class.getName());
    /** Conversations of a batch published at once: each one's fan-out is parallel too. */
    static final int CONVERSATIONS_IN_PARALLEL = 8;

    private final ConversationService conversations;
    private final UserDirectory users;
    private final BlockStore blocks;
    private final EventPublisher events;
    private final Consumer<List<Message>> sentHook;
    private final CommittedChanges changes;
    private final Consumer<List<StreamImages.Change>> indexHook;

    /**
     * {@code events} takes each event with {@link EventPublisher#send}: the members' live connections get its frame
     * (once each, however often the record comes) and SNS gets the event, or it throws.
     */
    public MessageStreamConsumer(ConversationService conversations, UserDirectory users, BlockStore blocks,
                                 EventPublisher events) {
        this(conversations, users, blocks, events, sent -> { }, new CommittedChanges(events), changed -> { });
    }

    /**
     * {@code sentHook}: what else a batch's committed new messages move (their mention marks, the usage counters, the
     * members' lists), after their {@code message.sent} are published, in the batch's order; it must be idempotent, as
     * the records are delivered again when it throws. {@code changes}: what publishes a group's change from its system
     * message. {@code indexHook}: what keeps the search index, given the batch's message records' old and new images in
     * order, before their events are published; idempotent too.
     */
    public MessageStreamConsumer(ConversationService conversations, UserDirectory users, BlockStore blocks,
                                 EventPublisher events, Consumer<List<Message>> sentHook, CommittedChanges changes,
                                 Consumer<List<StreamImages.Change>> indexHook) {
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
     * Publishes the batch's events and answers Lambda's partial batch response: the first record that could not be
     * published, by its sequence number (the ones after it come again anyway, in order).
     */
    public ObjectNode handle(JsonNode event) {
        List<JsonNode> records = new ArrayList<>();
        event.path("Records").forEach(records::add);
        int failed = process(records);
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        if (failed < records.size()) {
            failures.addObject().put("itemIdentifier", sequenceNumber(records.get(failed)));
        }
        return response;
    }

    /** The index of the first record not done (the batch's size when all are). */
    private int process(List<JsonNode> records) {
        List<Step> steps = new ArrayList<>();
        int failed = records.size();
        for (int i = 0; i < records.size(); i++) {
            try {
                steps.add(Step.of(i, records.get(i)));
            } catch (RuntimeException e) {
                failed = failure(records, i, e);
                break;
            }
        }
        Map<String, Conversation> known;
        try {
            known = conversations.findAll(steps.stream().map(Step::conversationId).filter(Objects::nonNull)
                    .collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            return steps.isEmpty() ? failed : failure(records, 0, e);
        }
        List<Step> hooked = steps.stream().filter(step -> step.hooked(known)).toList();
        // The search postings before any frame or event: whoever sees the message can find it at once.
        if (!hooked.isEmpty()) {
            try {
                indexHook.accept(hooked.stream().map(Step::change).filter(Objects::nonNull).toList());
            } catch (RuntimeException e) {
                failed = failure(records, hooked.get(0).index(), e);
            }
        }
        int indexed = failed;
        List<Lane> lanes = Lane.of(steps.stream().filter(step -> step.index() < indexed).toList(), known);
        failed = Math.min(failed, publishAll(records, lanes));
        int done = failed;
        List<Step> published = hooked.stream().filter(step -> step.index() < done).toList();
        if (!published.isEmpty()) {
            try {
                sentHook.accept(published.stream().map(Step::sent).filter(Objects::nonNull).toList());
            } catch (RuntimeException e) {
                failed = failure(records, published.get(0).index(), e);
            }
        }
        return failed;
    }

    /** Each conversation's records in order, conversations in parallel: the smallest index of a record not published. */
    private int publishAll(List<JsonNode> records, List<Lane> lanes) {
        AtomicInteger failed = new AtomicInteger(records.size());
        Semaphore permits = new Semaphore(CONVERSATIONS_IN_PARALLEL);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Lane lane : lanes) {
                executor.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        failed.accumulateAndGet(publishLane(records, lane), Math::min);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        return failed.get();
    }

    private static int failure(List<JsonNode> records, int index, RuntimeException e) {
        LOG.log(Level.WARNING, "Cannot publish the event of stream record " + sequenceNumber(records.get(index))
                + "; it will be delivered again", e);
        return index;
    }

    private static String sequenceNumber(JsonNode record) {
        return record.path("dynamodb").path("SequenceNumber").asText();
    }

    /**
     * One record as read: its kind, its conversation, and what the hooks get of it once it is published ({@code sent}
     * for a new message, {@code change} for any message's images).
     */
    record Step(int index, Kind kind, String conversationId, JsonNode images, Map<String, AttributeValue> newImage,
                Message sent, StreamImages.Change change) {
        enum Kind { CREATION, SYSTEM, SENT, MODIFIED, OTHER }

        static Step of(int index, JsonNode record) {
            JsonNode images = record.path("dynamodb");
            String eventName = record.path("eventName").asText();
            Map<String, AttributeValue> newImage = StreamImages.item(images.get("NewImage"));
            Map<String, AttributeValue> oldImage = StreamImages.item(images.get("OldImage"));
            String conversationId = Items.str(newImage.isEmpty() ? oldImage : newImage, "conversation_id");
            if ("INSERT".equals(eventName) && CreationRecord.is(newImage)) {
                return new Step(index, Kind.CREATION, conversationId, images, newImage, null, null);
            } else if ("INSERT".equals(eventName) && SystemMessage.isSystem(newImage)) {
                return new Step(index, Kind.SYSTEM, conversationId, images, newImage, null, null);
            } else if ("INSERT".equals(eventName)) {
                return new Step(index, Kind.SENT, conversationId, images, newImage, Message.fromItem(newImage),
                                new StreamImages.Change(null, newImage));
            } else if ("MODIFY".equals(eventName)) {
                Message.fromItem(oldImage);
                Message.fromItem(newImage);
                return new Step(index, Kind.MODIFIED, conversationId, images, newImage, null,
                                new StreamImages.Change(oldImage, newImage));
            }
            return new Step(index, Kind.OTHER, conversationId, images, newImage, null, null);
        }

        /**
         * Whether the hooks take this record once it is published: a message of a conversation that exists. A
         * message of an unknown conversation (never created: conversations are not deleted) has no member whose list, mentions or search
         * could show it, and is no conversation's traffic.
         */
        boolean hooked(Map<String, Conversation> known) {
            return (kind == Kind.SENT || kind == Kind.MODIFIED) && known.containsKey(conversationId);
        }
    }

    /**
     * The records of one conversation in the batch, in order, with what they share: the conversation, its members
     * (read once, again after a system message, which may have changed them) and each sender's blockers among them.
     */
    static final class Lane {
        private final String conversationId;
        private final Conversation conversation;
        private final List<Step> steps = new ArrayList<>();
        private List<String> members;
        private final Map<String, Set<String>> blockers = new HashMap<>();

        private Lane(String conversationId, Conversation conversation) {
            this.conversationId = conversationId;
            this.conversation = conversation;
        }

        /**
         * The lanes of a batch's records, in the order of each conversation's first record; messages of unknown
         * conversations are left out (nothing to publish: done), as is a record without a conversation.
         */
        static List<Lane> of(List<Step> steps, Map<String, Conversation> known) {
            Map<String, Lane> lanes = new LinkedHashMap<>();
            for (Step step : steps) {
                boolean message = step.kind() == Step.Kind.SENT || step.kind() == Step.Kind.MODIFIED;
                if (step.conversationId() == null || (message && !known.containsKey(step.conversationId()))) {
                    continue;
                }
                lanes.computeIfAbsent(step.conversationId(), id -> new Lane(id, known.get(id))).steps.add(step);
            }
            return List.copyOf(lanes.values());
        }

        List<Step> steps() {
            return steps;
        }

        String conversationId() {
            return conversationId;
        }
    }

    /**
     * A lane's records in order: the events of consecutive message records go out together ({@link EventPublisher#sendAll},
     * a tenth of the calls); a conversation's own change (its creation, a system message) alone, between them. Answers
     * the index of the first record not done, the batch's size when all are.
     */
    private int publishLane(List<JsonNode> records, Lane lane) {
        List<EventEnvelope> run = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (Step step : lane.steps()) {
            try {
                if (step.kind() == Step.Kind.CREATION || step.kind() == Step.Kind.SYSTEM) {
                    int failed = flush(records, lane, run, owners);
                    if (failed < records.size()) {
                        return failed;
                    }
                    publishChange(step, lane);
                } else {
                    for (EventEnvelope event : events(step, lane)) {
                        run.add(event);
                        owners.add(step.index());
                    }
                }
            } catch (RuntimeException e) {
                int failed = flush(records, lane, run, owners);
                return failed < records.size() ? failed : failure(records, step.index(), e);
            }
        }
        return flush(records, lane, run, owners);
    }

    /** Sends the run's events, each owned by the record at the same place in {@code owners}; then the run is empty. */
    private int flush(List<JsonNode> records, Lane lane, List<EventEnvelope> run, List<Integer> owners) {
        if (run.isEmpty()) {
            return records.size();
        }
        try {
            events.sendAll(List.copyOf(run), lane.conversationId());
            return records.size();
        } catch (PartlyPublished e) {
            return failure(records, owners.get(Math.min(e.published(), owners.size() - 1)), e);
        } catch (RuntimeException e) {
            return failure(records, owners.getFirst(), e);
        } finally {
            run.clear();
            owners.clear();
        }
    }

    private void publishChange(Step step, Lane lane) {
        if (step.kind() == Step.Kind.CREATION) {
            changes.publishCreation(step.newImage());
            return;
        }
        // A group's change and the line that tells it: its own event, no message.sent (no push, not a message).
        changes.publish(step.newImage(), Json.MAPPER.valueToTree(Message.fromItem(step.newImage())));
        lane.members = null;
        lane.blockers.clear();
    }

    /** The events of a message record, in their order: none for a change that tells nobody anything. */
    private List<EventEnvelope> events(Step step, Lane lane) {
        JsonNode images = step.images();
        if (step.kind() == Step.Kind.SENT) {
            List<EventEnvelope> sent = new ArrayList<>();
            if (step.sent().forwarded() && step.sent().mediaId() != null) {
                sent.add(mediaShared(step.sent()));
            }
            sent.add(sent(step.sent(), lane));
            return sent;
        }
        if (step.kind() != Step.Kind.MODIFIED) {
            return List.of();
        }
        Message before = Message.fromItem(StreamImages.item(images.get("OldImage")));
        Message after = Message.fromItem(step.newImage());
        if (after.removed() && !before.removed()) {
            String at = Times.format(Instant.ofEpochSecond(images.path("ApproximateCreationDateTime").asLong()));
            return List.of(removed(after, before.mediaId(), Items.str(step.newImage(), "removed_by"),
                    Items.str(step.newImage(), "removed_reason"), at, lane));
        } else if (after.recalled() && !before.recalled() && !after.removed()) {
            String at = Times.format(Instant.ofEpochSecond(images.path("ApproximateCreationDateTime").asLong()));
            return List.of(recalled(after, at, lane));
        } else if (!after.removed() && !after.recalled() && !Objects.equals(before.editedAt(), after.editedAt())) {
            return List.of(edited(after, lane));
        }
        return List.of();
    }

    private EventEnvelope sent(Message message, Lane lane) {
        Conversation conversation = lane.conversation;
        List<String> recipients = recipients(message, lane);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", message.conversationId());
        payload.put("conversationType", conversation.type().wire());
        payload.put("conversationTitle", conversation.title());
        payload.put("message", message);
        payload.put("senderDisplayName", users.shownName(message.senderId(), new Caller(message.senderId(), "")));
        payload.put("preview", message.preview());
        payload.put("recipients", recipients);
        return event("message.sent", message, "", message.createdAt(), payload);
    }

    private EventEnvelope edited(Message message, Lane lane) {
        return event("message.edited", message, message.editedAt(), message.editedAt(), Map.of(
                "conversationId", message.conversationId(), "message", message, "recipients", recipients(message, lane)));
    }

    private EventEnvelope recalled(Message message, String at, Lane lane) {
        return event("message.recalled", message, "", at, Map.of(
                "conversationId", message.conversationId(), "messageId", message.messageId(),
                "senderId", message.senderId(), "seq", message.seq(), "recipients", recipients(message, lane)));
    }

    /**
     * A forwarded image or file: media-service lets this conversation's members read it. Published before the
     * {@code message.sent}, so that the media is readable by the time most recipients look.
     */
    private EventEnvelope mediaShared(Message message) {
        return event("media.shared", message, "", message.createdAt(), Map.of(
                "conversationId", message.conversationId(), "mediaId", message.mediaId(),
                "messageId", message.messageId(), "sharedBy", message.senderId()));
    }

    /** To every member, the sender included: everyone's copy of the message becomes the tombstone. */
    private EventEnvelope removed(Message message, String mediaId, String removedBy, String reason, String at, Lane lane) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", message.conversationId());
        payload.put("messageId", message.messageId());
        payload.put("senderId", message.senderId());
        payload.put("seq", message.seq());
        payload.put("mediaId", mediaId);
        payload.put("removedBy", removedBy);
        payload.put("reason", reason);
        payload.put("recipients", members(lane));
        return event("message.removed", message, "", at, payload);
    }

    private static EventEnvelope event(String type, Message message, String version, String occurredAt, Object payload) {
        return new EventEnvelope(eventId(type, message.messageId(), version), type, EventEnvelope.VERSION, occurredAt,
                                 Json.MAPPER.valueToTree(payload));
    }

    /** The other members, but those who block the sender: in a group they get no frame and no push of the sender's messages. */
    private List<String> recipients(Message message, Lane lane) {
        List<String> others = members(lane).stream().filter(id -> !id.equals(message.senderId())).toList();
        Set<String> blockers = lane.blockers.computeIfAbsent(message.senderId(), sender -> blocks.blockersAmong(sender, others));
        return others.stream().filter(id -> !blockers.contains(id)).toList();
    }

    /** The conversation's members, read once per batch (and again after a change of its members). */
    private List<String> members(Lane lane) {
        if (lane.members == null) {
            lane.members = conversations.memberIds(lane.conversationId());
        }
        return lane.members;
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
