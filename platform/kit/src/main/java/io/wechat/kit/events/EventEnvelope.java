package io.wechat.kit.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Times;

/**
 * The envelope every event travels in, on every topic and queue: {@code {eventId, type, version, occurredAt,
 * payload}}. Consumers deduplicate on {@code eventId}; {@code type} is also the SNS message attribute that
 * subscriptions filter on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(String eventId, String type, int version, String occurredAt, JsonNode payload) {
    public static final int VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** A new event with a fresh id, occurring now. */
    public static EventEnvelope of(String type, Object payload, Clock clock) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, VERSION, Times.format(clock.instant()),
                                 Json.MAPPER.valueToTree(payload));
    }

    public String toJson() {
        return Json.write(this);
    }

    /**
     * The envelope in a queue message's body, also when a subscription without raw delivery wrapped it in an SNS
     * notification.
     *
     * @throws IllegalArgumentException when the body is not JSON or not an envelope
     */
    public static EventEnvelope parse(String body) {
        try {
            JsonNode node = Json.tree(body.getBytes(StandardCharsets.UTF_8));
            if ("Notification".equals(node.path("Type").asText()) && node.path("Message").isTextual()) {
                node = Json.tree(node.path("Message").asText().getBytes(StandardCharsets.UTF_8));
            }
            if (!node.path("eventId").isTextual() || !node.path("type").isTextual() || !node.path("occurredAt").isTextual()) {
                throw new IllegalArgumentException("not an event envelope");
            }
            return new EventEnvelope(node.path("eventId").asText(), node.path("type").asText(),
                                     node.path("version").asInt(VERSION), node.path("occurredAt").asText(),
                                     node.path("payload"));
        } catch (ApiException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
    }
}
