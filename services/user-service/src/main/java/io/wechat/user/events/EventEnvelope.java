package io.wechat.user.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.wechat.user.web.Json;
import io.wechat.kit.web.Times;

/**
 * The JSON envelope every event travels in: {@code {eventId, type, version, occurredAt, payload}}.
 */
public record EventEnvelope(UUID eventId, String type, int version, String occurredAt, Object payload) {
    public static final int VERSION = 1;

    public static EventEnvelope wrap(DomainEvent event, Instant occurredAt) {
        return new EventEnvelope(UUID.randomUUID(), event.type(), VERSION, Times.format(occurredAt), event.payload());
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + type, e);
        }
    }
}
