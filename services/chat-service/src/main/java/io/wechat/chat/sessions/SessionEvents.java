package io.wechat.chat.sessions;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.events.UserEventsHandler;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.events.EventEnvelope;

/**
 * user-service's session events, as chat-service acts on them: {@code user.disabled {userId, actorId, reason}},
 * {@code user.enabled {userId, actorId}}, {@code user.signedOut {userId, sessionId}} (docs/events.md).
 */
public final class SessionEvents implements UserEventsHandler.Listener {
    public static final String DISABLED = "user.disabled";
    public static final String ENABLED = "user.enabled";
    public static final String SIGNED_OUT = "user.signedOut";
    private static final Set<String> TYPES = Set.of(DISABLED, ENABLED, SIGNED_OUT);

    private final Actions ender;

    /** What chat-service does on each event ({@link SessionEnder}). */
    public interface Actions {
        void accountDisabled(String userId, Instant at);

        void accountEnabled(String userId, Instant at);

        void signedOut(String sessionId);
    }

    public SessionEvents(Actions ender) {
        this.ender = ender;
    }

    @Override
    public boolean takes(String type) {
        return TYPES.contains(type);
    }

    @Override
    public void on(EventEnvelope event) {
        JsonNode payload = event.payload();
        String userId = id(payload, "userId");
        switch (event.type()) {
            case DISABLED -> ender.accountDisabled(userId, Instant.parse(event.occurredAt()));
            case ENABLED -> ender.accountEnabled(userId, Instant.parse(event.occurredAt()));
            case SIGNED_OUT -> ender.signedOut(id(payload, "sessionId"));
            default -> throw new IllegalArgumentException("not a session event: " + event.type());
        }
    }

    private static String id(JsonNode payload, String field) {
        String value = payload.path(field).asText(null);
        if (!Keys.isValidId(value)) {
            throw new IllegalArgumentException("payload." + field + " is missing or invalid");
        }
        return value;
    }
}
