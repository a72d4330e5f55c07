package io.wechat.chat.events;

import java.lang.System.Logger.Level;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.ProfileProjection;
import io.wechat.chat.users.UserDirectory;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SqsBatch;

/**
 * Consumes user-service's events from chat-service's queue, as Lambda SQS batches: user.blocked and
 * user.unblocked update the block store, user.registered and user.profile-updated the profile projection
 * (and evict the cached profile); every other type goes to the {@link Listener}s that take it (ending sessions,
 * for one). Idempotent on
 * eventId; a record that fails is reported in {@code batchItemFailures}, so only it is redelivered (and
 * lands in the DLQ after 3 receives).
 */
public final class UserEventsHandler {
    private static final System.Logger LOG = System.getLogger(UserEventsHandler.class.getName());
    private final BlockStore blocks;
    private final UserDirectory users;
    private final ProfileProjection profiles;
    private final ProcessedEvents processed;
    private final List<Listener> listeners;

    /**
     * A consumer of some of user-service's events, in a feature of its own. {@link #on} must be idempotent: an event
     * whose handling failed is delivered again, to every listener.
     */
    public interface Listener {
        boolean takes(String type);

        void on(EventEnvelope event);
    }

    public UserEventsHandler(BlockStore blocks, ProfileProjection profiles, UserDirectory users,
                             ProcessedEvents processed) {
        this(blocks, profiles, users, processed, List.of());
    }

    public UserEventsHandler(BlockStore blocks, ProfileProjection profiles, UserDirectory users,
                             ProcessedEvents processed, List<Listener> listeners) {
        this.blocks = blocks;
        this.profiles = profiles;
        this.users = users;
        this.processed = processed;
        this.listeners = List.copyOf(listeners);
    }

    /** Handles an SQS event {@code {"Records":[...]}}; 400 when it is not one. */
    public SqsBatch.Response handle(JsonNode event) {
        return handle(SqsBatch.records(event));
    }

    public SqsBatch.Response handle(List<SqsBatch.Record> records) {
        return SqsBatch.handle(records, this::process);
    }

    private void process(String body) {
        EventEnvelope envelope = EventEnvelope.parse(body);
        if (processed.seen(envelope.eventId())) {
            return;
        }
        JsonNode payload = envelope.payload();
        switch (envelope.type()) {
            case "user.blocked", "user.unblocked" -> {
                String blocker = id(payload, "blockerId");
                String blocked = id(payload, "blockedId");
                blocks.record(blocker, blocked, envelope.type().equals("user.blocked"), envelope.occurredAt());
                users.evictPair(blocker, blocked);
            }
            case "user.registered", "user.profile-updated" -> {
                String userId = id(payload, "userId");
                profiles.record(userId, payload.path("username").asText(null),
                        payload.path("displayName").asText(null), envelope.occurredAt());
                users.evict(userId);
            }
            default -> LOG.log(Level.DEBUG, "No block or profile change in event type " + envelope.type());
        }
        // Listeners hear of the types they take, those handled above included (user.registered also counts a user).
        listeners.stream().filter(l -> l.takes(envelope.type())).forEach(listener -> listener.on(envelope));
        processed.remember(envelope.eventId(), envelope.type());
    }

    private static String id(JsonNode payload, String field) {
        String value = payload.path(field).asText(null);
        if (!Keys.isValidId(value)) {
            throw new IllegalArgumentException("payload." + field + " is missing or invalid");
        }
        return value;
    }
}
