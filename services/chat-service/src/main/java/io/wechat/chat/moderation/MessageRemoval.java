package io.wechat.chat.moderation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.wechat.chat.admin.AuditLog;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.events.EventPublisher;
import io.wechat.chat.messages.Message;
import io.wechat.chat.messages.MessageStore;
import io.wechat.kit.web.ApiException;

/**
 * A moderator removes a message, whatever its age: the item becomes a tombstone ({@code removed}, no text, no
 * media), every member's connections get a {@code message.removed} frame now, and the messages table's stream
 * publishes {@code message.removed} (with the media id, for media-service) from the committed change.
 */
public final class MessageRemoval {
    private final ConversationService conversations;
    private final MessageStore messages;
    private final EventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    /** {@code events}: the real-time publisher (frames to members; message events reach SNS from the stream). */
    public MessageRemoval(ConversationService conversations, MessageStore messages, EventPublisher events, AuditLog audit,
                          Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tombstone; 404 for an unknown conversation or a message not in it. Removing a removed message changes nothing. */
    public Message remove(String moderatorId, String conversationId, String messageId, String reason) {
        conversations.requireConversation(conversationId);
        Message message = messages.findById(conversationId, messageId)
                .orElseThrow(() -> ApiException.notFound("message_not_found", "No such message"));
        if (message.removed()) {
            return message;
        }
        Message tombstone = messages.remove(message, moderatorId, reason);
        audit.append(moderatorId, AuditLog.Action.MESSAGE_REMOVE, messageId, reason, clock.instant());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", conversationId);
        payload.put("messageId", messageId);
        payload.put("senderId", tombstone.senderId());
        payload.put("seq", tombstone.seq());
        payload.put("recipients", conversations.memberIds(conversationId));
        events.publish("message.removed", conversationId, payload);
        return tombstone;
    }
}
