package io.wechat.chat.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.events.UserEventsHandler;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.events.EventEnvelope;

/**
 * What the admin console learns from user-service's events: {@code user.registered} counts a user for
 * {@code GET /admin/stats} and {@code user.deleted} takes them off; {@code user.disabled} and {@code user.enabled} (admin actions done in user-service) go
 * into the audit log, under an id derived from the event, so an event delivered twice is logged once.
 */
public final class AdminUserEvents implements UserEventsHandler.Listener {
    private final AuditLog audit;
    private final UsageCounters counters;

    public AdminUserEvents(AuditLog audit, UsageCounters counters) {
        this.audit = audit;
        this.counters = counters;
    }

    @Override
    public boolean takes(String type) {
        return switch (type) {
            case "user.registered", "user.deleted", "user.disabled", "user.enabled" -> true;
            default -> false;
        };
    }

    @Override
    public void on(EventEnvelope event) {
        JsonNode payload = event.payload();
        Instant at = Instant.parse(event.occurredAt());
        switch (event.type()) {
            case "user.registered" -> counters.recordRegistration(id(payload, "userId"), at);
            case "user.deleted" -> counters.recordDeletion(id(payload, "userId"), at);
            case "user.disabled" -> audit.append(auditId(event), id(payload, "actorId"), AuditLog.Action.USER_DISABLE,
                    id(payload, "userId"), payload.path("reason").asText(null), at);
            case "user.enabled" -> audit.append(auditId(event), id(payload, "actorId"), AuditLog.Action.USER_ENABLE,
                    id(payload, "userId"), null, at);
            default -> { }
        }
    }

    private static String auditId(EventEnvelope event) {
        return UUID.nameUUIDFromBytes(("audit/" + event.eventId()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String id(JsonNode payload, String field) {
        String value = payload.path(field).asText(null);
        if (!Keys.isValidId(value)) {
            throw new IllegalArgumentException("payload." + field + " is missing or invalid");
        }
        return value;
    }
}
