package io.wechat.notification.events;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.web.ApiException;
import io.wechat.notification.web.Json;

/** The event envelope of DESIGN.md: {@code {eventId, type, version, occurredAt, payload}}. */
record Envelope(String eventId, String type, String occurredAt, JsonNode payload) {

    /**
     * The envelope in an SQS body, also when a subscription without raw delivery wrapped it in an SNS
     * notification; anything else is an IllegalArgumentException.
     */
    static Envelope parse(String body) {
        JsonNode node;
        try {
            node = Json.tree(body.getBytes(StandardCharsets.UTF_8));
            if ("Notification".equals(node.path("Type").asText()) && node.path("Message").isTextual()) {
                node = Json.tree(node.path("Message").asText().getBytes(StandardCharsets.UTF_8));
            }
        } catch (ApiException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
        String eventId = node.path("eventId").asText(null);
        String type = node.path("type").asText(null);
        if (!Keys.isValidId(eventId) || type == null || !node.path("occurredAt").isTextual()) {
            throw new IllegalArgumentException("not an event envelope");
        }
        return new Envelope(eventId, type, node.path("occurredAt").asText(), node.path("payload"));
    }
}
