package io.wechat.chat.realtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.kit.web.Json;

/**
 * The frames chat-service sends to WebSocket clients (docs/api.md): JSON objects with a {@code type}. Chat events
 * become frames here, with the users who receive them.
 */
public final class Frames {
    private Frames() {
    }

    /** A frame and the users whose every connection gets it. */
    public record Delivery(List<String> userIds, ObjectNode frame) {
    }

    /**
     * The frame a chat event becomes, for every member (the actor's other devices included); empty for
     * events that clients do not see. {@code payload} is the event's payload as published.
     * <ul>
     * <li>{@code message.sent} -> {@code message.new {conversationId, message}}</li>
     * <li>{@code message.edited} -> {@code message.edited {conversationId, message}}</li>
     * <li>{@code message.recalled} -> {@code message.recalled {conversationId, messageId, senderId, seq}}</li>
     * <li>{@code message.removed} -> {@code message.removed {conversationId, messageId, senderId, seq}}, to every member</li>
     * <li>{@code reaction.updated} -> {@code reaction.updated {conversationId, messageId, userId, reaction, added,
     * reactions: [{reaction, count}]}}, to every member</li>
     * <li>{@code receipt.read} -> {@code receipt.read {conversationId, userId, messageId, seq, readAt}}</li>
     * <li>{@code conversation.created|updated}, {@code member.added|removed} -> {@code conversation.updated
     * {conversationId, change, title?, memberIds, userIds?/userId?, by}}; a removed member gets it too.</li>
     * <li>{@code member.role-changed} ({@code change: role_changed, userId, role}), {@code conversation.owner-changed}
     * ({@code change: owner_changed, ownerId, previousOwnerId}) -> {@code conversation.updated} the same way. A group's
     * change carries the system message that tells it ({@code message}), for the timeline.</li>
     * </ul>
     */
    public static Optional<Delivery> forEvent(String type, JsonNode payload) {
        String conversationId = payload.path("conversationId").asText();
        return switch (type) {
            case "message.sent" -> Optional.of(new Delivery(
                    members(payload.path("recipients"), payload.path("message").path("senderId").asText(null)),
                    message("message.new", conversationId, payload.path("message"))));
            case "message.edited" -> Optional.of(new Delivery(
                    members(payload.path("recipients"), payload.path("message").path("senderId").asText(null)),
                    message("message.edited", conversationId, payload.path("message"))));
            case "message.recalled" -> Optional.of(new Delivery(
                    members(payload.path("recipients"), payload.path("senderId").asText(null)),
                    copy(frame("message.recalled", conversationId), payload, "messageId", "senderId", "seq")));
            case "message.removed" -> Optional.of(new Delivery(
                    members(payload.path("recipients"), null),
                    copy(frame("message.removed", conversationId), payload, "messageId", "senderId", "seq")));
            case "reaction.updated" -> Optional.of(new Delivery(
                    members(payload.path("recipients"), null),
                    copy(frame("reaction.updated", conversationId), payload, "messageId", "userId", "reaction", "added",
                            "reactions")));
            case "receipt.read" -> Optional.of(new Delivery(
                    members(payload.path("recipients"), payload.path("userId").asText(null)),
                    copy(frame("receipt.read", conversationId), payload, "userId", "messageId", "seq", "readAt")));
            case "conversation.created" -> Optional.of(conversationUpdated(payload, "created", "createdBy", null));
            case "conversation.updated" -> Optional.of(conversationUpdated(payload, "renamed", "updatedBy", null));
            case "member.added" -> Optional.of(conversationUpdated(payload, "members_added", "addedBy", null));
            case "member.removed" -> Optional.of(conversationUpdated(payload, "member_removed", "removedBy",
                    payload.path("userId").asText(null)));
            case "member.role-changed" -> Optional.of(conversationUpdated(payload, "role_changed", "changedBy", null));
            case "conversation.owner-changed" -> Optional.of(conversationUpdated(payload, "owner_changed", "changedBy", null));
            default -> Optional.empty();
        };
    }

    public static ObjectNode message(String type, String conversationId, JsonNode message) {
        ObjectNode frame = frame(type, conversationId);
        frame.set("message", message);
        return frame;
    }

    public static ObjectNode typing(String conversationId, String userId, String at) {
        return frame("typing", conversationId).put("userId", userId).put("at", at);
    }

    /** {@code {"type":"session.ended","reason"}}: sent right before the server closes the connection of an ended session. */
    public static ObjectNode sessionEnded(String reason) {
        return Json.MAPPER.createObjectNode().put("type", "session.ended").put("reason", reason);
    }

    public static ObjectNode pong() {
        return Json.MAPPER.createObjectNode().put("type", "pong");
    }

    /** {@code {"type":"error","error":{"code","message"},"action"?,"clientMessageId"?}}: the HTTP error body plus context. */
    public static ObjectNode error(String code, String message, String action, String clientMessageId) {
        ObjectNode frame = Json.MAPPER.createObjectNode().put("type", "error");
        frame.putObject("error").put("code", code).put("message", message);
        if (action != null) {
            frame.put("action", action);
        }
        if (clientMessageId != null) {
            frame.put("clientMessageId", clientMessageId);
        }
        return frame;
    }

    private static Delivery conversationUpdated(JsonNode payload, String change, String actorField, String removedUser) {
        ObjectNode frame = frame("conversation.updated", payload.path("conversationId").asText());
        frame.put("change", change);
        copy(frame, payload, "title", "memberIds", "userIds", "userId", "role", "ownerId", "previousOwnerId",
                "avatarMediaId", "announcement", "message");
        // The event's "type" is the conversation's (direct or group); the frame's own "type" names the frame.
        if (payload.has("type")) {
            frame.set("conversationType", payload.get("type"));
        }
        frame.set("by", payload.path(actorField).isMissingNode() ? null : payload.path(actorField));
        return new Delivery(members(payload.path("memberIds"), removedUser), frame);
    }

    private static ObjectNode frame(String type, String conversationId) {
        return Json.MAPPER.createObjectNode().put("type", type).put("conversationId", conversationId);
    }

    private static ObjectNode copy(ObjectNode frame, JsonNode payload, String... fields) {
        for (String field : fields) {
            if (payload.has(field)) {
                frame.set(field, payload.get(field));
            }
        }
        return frame;
    }

    private static List<String> members(JsonNode ids, String plus) {
        Set<String> users = new LinkedHashSet<>();
        ids.forEach(id -> users.add(id.asText()));
        if (plus != null) {
            users.add(plus);
        }
        return new ArrayList<>(users);
    }
}
