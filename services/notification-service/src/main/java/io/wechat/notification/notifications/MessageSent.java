package io.wechat.notification.notifications;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.Times;
import io.wechat.notification.storage.Keys;

/**
 * The parts of chat-service's {@code message.sent} event this service uses (contracts/
 * notification-service-chat-service.json). {@code onlineRecipientIds}: the recipients with a live
 * WebSocket connection when the message was sent; absent means nobody was online. {@code mentionedIds}: the
 * recipients the message mentions ({@code message.mentions}, or all of them with {@code message.mentionAll}).
 */
public record MessageSent(String eventId, String conversationId, String conversationType, String conversationTitle,
                          String messageId, String senderId, String sentAt, String senderDisplayName, String preview,
                          List<String> recipients, Set<String> onlineRecipientIds, Set<String> mentionedIds) {
    public MessageSent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
        recipients = List.copyOf(recipients);
        onlineRecipientIds = Set.copyOf(onlineRecipientIds);
        mentionedIds = mentionedIds == null ? Set.of() : Set.copyOf(mentionedIds);
    }

    /** Reads the event's payload; a missing or invalid field used here is an IllegalArgumentException. */
    public static MessageSent from(String eventId, String occurredAt, JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("payload must be an object");
        }
        JsonNode message = payload.path("message");
        String createdAt = text(message, "createdAt");
        List<String> recipients = List.copyOf(ids(payload, "recipients", true));
        Set<String> mentioned = message.path("mentionAll").asBoolean(false) ? Set.copyOf(recipients) : ids(message, "mentions", false);
        return new MessageSent(eventId,
                id(payload, "conversationId"),
                text(payload, "conversationType") == null ? "direct" : text(payload, "conversationType"),
                text(payload, "conversationTitle"),
                id(message, "messageId"),
                text(message, "senderId"),
                time(createdAt != null ? createdAt : occurredAt),
                text(payload, "senderDisplayName"),
                text(payload, "preview"),
                recipients,
                ids(payload, "onlineRecipientIds", false),
                mentioned);
    }

    /** Recipients to consider: everyone listed except the sender, each once, in order. */
    public List<String> pushCandidates() {
        return recipients.stream().filter(id -> !id.equals(senderId)).distinct().toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static String id(JsonNode node, String field) {
        String value = text(node, field);
        if (!Keys.isValidId(value)) {
            throw new IllegalArgumentException(field + " is missing or invalid");
        }
        return value;
    }

    private static Set<String> ids(JsonNode payload, String field, boolean required) {
        JsonNode array = payload.path(field);
        if (array.isMissingNode() || array.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return Set.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(field + " must be an array");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode element : array) {
            if (!element.isTextual() || !Keys.isValidId(element.asText())) {
                throw new IllegalArgumentException(field + " holds an invalid id");
            }
            ids.add(element.asText());
        }
        return ids;
    }

    private static String time(String value) {
        try {
            return Times.format(Instant.parse(Objects.requireNonNull(value, "time")));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("message.createdAt / occurredAt is not an ISO-8601 time");
        }
    }
}
