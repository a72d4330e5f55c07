package io.wechat.notification.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 * that stop pushes) and user.deleted ({@link AccountDeletion}), as Lambda SQS batches. The records are parsed one by
 * one (a malformed record fails alone, an account state is recorded and a deleted account erased at once); the batch's message.sent events are then handled together: claimed, their
 * recipients notified ({@link Notifier#notifyAll}) and marked done, each in as few DynamoDB calls as the batch allows.
 * A failed record is reported in {@code batchItemFailures}, so only it is redelivered (and lands in the DLQ after 3
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
        Map<String, MessageSent> events = new LinkedHashMap<>();
        Map<Integer, String> eventOfRecord = new HashMap<>();
        Map<Integer, RuntimeException> failed = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                Optional<MessageSent> event = parse(records.get(i).body());
                if (event.isPresent()) {
                    // The same event twice in one batch is processed once; both records share its result.
                    events.putIfAbsent(event.get().eventId(), event.get());
                    eventOfRecord.put(i, event.get().eventId());
                }
            } catch (RuntimeException e) {
                failed.put(i, e);
            }
        }
        Map<String, RuntimeException> failedEvents = events.isEmpty() ? Map.of() : notifyAll(events);
        eventOfRecord.forEach((i, eventId) -> {
            if (failedEvents.containsKey(eventId)) {
                failed.put(i, failedEvents.get(eventId));
            }
        });
        List<Map<String, String>> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (failed.containsKey(i)) {
                LOG.log(Level.WARNING, "Event in SQS message " + records.get(i).messageId() + " failed: " + failed.get(i),
                        failed.get(i));
                failures.add(Map.of("itemIdentifier", records.get(i).messageId()));
            }
        }
        failedRecords.increment(failures.size());
        return new SqsBatch.Response(failures);
    }

    /**
     * A message.sent record's event; empty for a record handled here (an account state) or ignored (another type).
     * A malformed record is an exception.
     */
    private Optional<MessageSent> parse(String body) {
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
            return Optional.empty();
        }
        if (AccountDeletion.DELETED.equals(envelope.type())) {
            String userId = envelope.payload().path("userId").asText(null);
            if (!Keys.isValidId(userId)) {
                throw new IllegalArgumentException("payload.userId is missing or invalid");
            }
            // Idempotent by itself: a redelivery finds nothing left to erase.
            deletion.erase(userId);
            return Optional.empty();
        }
        if (!MESSAGE_SENT.equals(envelope.type())) {
            LOG.log(Level.DEBUG, "Ignoring event type " + envelope.type());
            return Optional.empty();
        }
        return Optional.of(MessageSent.from(envelope.eventId(), envelope.occurredAt(), envelope.payload()));
    }

    /**
     * Claims, notifies and marks done a batch's message.sent events; answers the events that failed, with why. An
     * event that failed after its claim gives its lease up, so its redelivery need not wait for it.
     */
    private Map<String, RuntimeException> notifyAll(Map<String, MessageSent> events) {
        Map<String, String> types = new LinkedHashMap<>();
        events.keySet().forEach(eventId -> types.put(eventId, MESSAGE_SENT));
        Map<String, RuntimeException> failures = new HashMap<>();
        Map<String, EventLedger.Claim> claims;
        try {
            claims = ledger.claimAll(types);
        } catch (RuntimeException e) {
            events.keySet().forEach(eventId -> failures.put(eventId, e));
            return failures;
        }
        List<Notifier.Claimed> claimed = new ArrayList<>();
        claims.forEach((eventId, claim) -> {
            switch (claim) {
                case DONE -> { }
                case BUSY -> failures.put(eventId,
                        new IllegalStateException("event " + eventId + " is being processed by another attempt"));
                case NEW, RESUMED -> claimed.add(new Notifier.Claimed(events.get(eventId), claim == EventLedger.Claim.RESUMED));
            }
        });
        if (claimed.isEmpty()) {
            return failures;
        }
        Map<String, Notifier.Result> results = notifier.notifyAll(claimed);
        Map<String, String> succeeded = new LinkedHashMap<>();
        results.forEach((eventId, result) -> result.failure().ifPresentOrElse(
                e -> failures.put(eventId, e), () -> succeeded.put(eventId, MESSAGE_SENT)));
        try {
            ledger.doneAll(succeeded);
            succeeded.keySet().forEach(eventId -> results.get(eventId).outcomes()
                    .forEach(outcome -> outcomes.get(outcome).increment()));
        } catch (RuntimeException e) {
            succeeded.keySet().forEach(eventId -> failures.put(eventId, e));
        }
        failures.keySet().stream().filter(eventId -> claims.get(eventId) != EventLedger.Claim.BUSY)
                .forEach(ledger::release);
        return failures;
    }
}
