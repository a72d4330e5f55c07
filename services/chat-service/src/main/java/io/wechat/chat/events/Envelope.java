package io.wechat.chat.events;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** The event envelope of DESIGN.md: {@code {eventId, type, version, occurredAt, payload}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Envelope(String eventId, String type, int version, String occurredAt, JsonNode payload) {
    public Envelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
