package io.wechat.notification.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.notification.notifications.MessageSent;
import io.wechat.notification.notifications.Notifier;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Consumes chat-service's message.sent events as Lambda SQS batches. Per record: parse (a malformed
 * record fails alone), claim the event id, notify every recipient, mark the event done. A failed record
 * is reported in {@code batchItemFailures}, so only it is redelivered (and lands in the DLQ after 3
 * receives); the rest of the batch is processed either way.
 */
public final class MessageSentHandler {
    private static final System.Logger LOG = System.getLogger(MessageSentHandler.class.getName());
    static final String MESSAGE_SENT = "message.sent";
    private final EventLedger ledger;
    private final Notifier notifier;
    private final Counter failedRecords = Metrics.globalRegistry().getOrCreate(Counter.builder("notification.events.failed")
            .description("SQS records reported in batchItemFailures"));

    private final Map<Notifier.Outcome, Counter> outcomes = new EnumMap<>(Notifier.Outcome.class);

    /** {@code lease}: how long one attempt owns an event (below the queue's visibility timeout). */
    public MessageSentHandler(DynamoDbClient dynamo, Table table, Notifier notifier, Clock clock, Duration lease) {
        this.ledger = new EventLedger(dynamo, table, clock, lease);
        this.notifier = notifier;
        for (Notifier.Outcome outcome : Notifier.Outcome.values()) {
            outcomes.put(outcome, Metrics.globalRegistry().getOrCreate(Counter.builder("notification.recipients")
                    .description("Recipients of sent messages by outcome: online, muted, no_devices, pushed")
                    .tags(List.of(Tag.create("outcome", outcome.name().toLowerCase(Locale.ROOT))))));
        }
    }

    /** One SQS record: its messageId (for batchItemFailures) and body (the event envelope). */
    public record SqsRecord(String messageId, String body) {
    }

    /** The answer Lambda's SQS event source understands. */
    public record BatchResponse(List<Map<String, String>> batchItemFailures) {
    }

    /** Handles an SQS event {@code {"Records":[...]}}; 400 when it is not one. */
    public BatchResponse handle(byte[] event) {
        JsonNode records = Json.tree(event).path("Records");
        if (!records.isArray()) {
            throw ApiException.badRequest("invalid_event", "Expected an SQS event with Records");
        }
        List<SqsRecord> batch = new ArrayList<>();
        for (JsonNode record : records) {
            batch.add(new SqsRecord(record.path("messageId").asText(""),
                    record.path("body").isTextual() ? record.path("body").asText() : ""));
        }
        return handle(batch);
    }

    public BatchResponse handle(List<SqsRecord> records) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (SqsRecord record : records) {
            try {
                process(record.body());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Event in SQS message " + record.messageId() + " failed: " + e.getMessage());
                failures.add(Map.of("itemIdentifier", record.messageId()));
                failedRecords.increment();
            }
        }
        return new BatchResponse(failures);
    }

    private void process(String body) {
        EventEnvelope envelope = EventEnvelope.parse(body);
        if (!Keys.isValidId(envelope.eventId())) {
            throw new IllegalArgumentException("not an event id: " + envelope.eventId());
        }
        if (!MESSAGE_SENT.equals(envelope.type())) {
            LOG.log(Level.DEBUG, "Ignoring event type " + envelope.type());
            return;
        }
        MessageSent event = MessageSent.from(envelope.eventId(), envelope.occurredAt(), envelope.payload());
        EventLedger.Claim claim = ledger.claim(event.eventId(), envelope.type());
        switch (claim) {
            case DONE -> {
                return;
            }
            case BUSY -> throw new IllegalStateException("event " + event.eventId() + " is being processed by another attempt");
            default -> { }
        }
        try {
            for (String recipient : event.pushCandidates()) {
                outcomes.get(notifier.notify(event, recipient, claim == EventLedger.Claim.RESUMED)).increment();
            }
            ledger.done(event.eventId());
        } catch (RuntimeException e) {
            ledger.release(event.eventId());
            throw e;
        }
    }
}
