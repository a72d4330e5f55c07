package io.wechat.notification.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SqsBatch;
import io.wechat.notification.notifications.MessageSent;
import io.wechat.notification.notifications.Notifier;
import io.wechat.notification.accounts.AccountDeletion;
import io.wechat.notification.accounts.AccountStates;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Consumes chat-service's message.sent events, and user-service's user.disabled / user.enabled (the account states
 * that stop pushes) and user.deleted ({@link AccountDeletion}), as Lambda SQS batches. Per message.sent record: parse (a malformed record fails alone), claim
 * the event id, notify every recipient, mark the event done. A failed record
 * is reported in {@code batchItemFailures}, so only it is redelivered (and lands in the DLQ after 3
 * receives); the rest of the batch is processed either way.
 */
public final class MessageSentHandler {
    private static final System.Logger LOG = System.getLogger(MessageSentHandler.class.getName());
    static final String MESSAGE_SENT = "message.sent";
    static final String USER_DISABLED = "user.disabled";
    static final String USER_ENABLED = "user.enabled";
    private final EventLedger ledger;
    private final Notifier notifier;
    private final AccountStates accounts;
    private final AccountDeletion deletion;
    private final Counter failedRecords = Metrics.globalRegistry().getOrCreate(Counter.builder("notification.events.failed")
            .description("SQS records reported in batchItemFailures"));

    private final Map<Notifier.Outcome, Counter> outcomes = new EnumMap<>(Notifier.Outcome.class);

    /** {@code lease}: how long one attempt owns an event (below the queue's visibility timeout). */
    public MessageSentHandler(DynamoDbClient dynamo, Table table, Notifier notifier, AccountStates accounts,
                              AccountDeletion deletion, Clock clock, Duration lease) {
        this.ledger = new EventLedger(dynamo, table, clock, lease);
        this.notifier = notifier;
        this.accounts = accounts;
        this.deletion = deletion;
        for (Notifier.Outcome outcome : Notifier.Outcome.values()) {
            outcomes.put(outcome, Metrics.globalRegistry().getOrCreate(Counter.builder("notification.recipients")
                    .description("Recipients of sent messages by outcome: online, muted, no_devices, disabled, pushed")
                    .tags(List.of(Tag.create("outcome", outcome.name().toLowerCase(Locale.ROOT))))));
        }
    }

    /** Handles an SQS event {@code {"Records":[...]}}; 400 when it is not one. */
    public SqsBatch.Response handle(byte[] event) {
        return handle(SqsBatch.records(event));
    }

    public SqsBatch.Response handle(List<SqsBatch.Record> records) {
        SqsBatch.Response response = SqsBatch.handle(records, this::process);
        failedRecords.increment(response.batchItemFailures().size());
        return response;
    }

    private void process(String body) {
        EventEnvelope envelope = EventEnvelope.parse(body);
        if (!Keys.isValidId(envelope.eventId())) {
            throw new IllegalArgumentException("not an event id: " + envelope.eventId());
        }
        if (USER_DISABLED.equals(envelope.type()) || USER_ENABLED.equals(envelope.type())) {
            String userId = envelope.payload().path("userId").asText(null);
            if (!Keys.isValidId(userId)) {
                throw new IllegalArgumentException("payload.userId is missing or invalid");
            }
            // Idempotent by itself: a state older than the stored one is dropped.
            accounts.record(userId, USER_DISABLED.equals(envelope.type()), envelope.occurredAt());
            return;
        }
        if (AccountDeletion.DELETED.equals(envelope.type())) {
            String userId = envelope.payload().path("userId").asText(null);
            if (!Keys.isValidId(userId)) {
                throw new IllegalArgumentException("payload.userId is missing or invalid");
            }
            // Idempotent by itself: a redelivery finds nothing left to erase.
            deletion.erase(userId);
            return;
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
