package io.wechat.chat.moderation;

import java.time.Clock;

import io.wechat.chat.admin.AuditLog;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.messages.Message;
import io.wechat.chat.messages.MessageStore;
import io.wechat.kit.web.ApiException;

/**
 * A moderator removes a message, whatever its age: the item becomes a tombstone ({@code removed}, no text, no
 * media); from the committed change the messages table's stream pushes the {@code message.removed} frame to every
 * member's connections and publishes {@code message.removed} (with the media id, for media-service).
 */
public final class MessageRemoval {
    private final ConversationService conversations;
    private final MessageStore messages;
    private final AuditLog audit;
    private final Clock clock;

    public MessageRemoval(ConversationService conversations, MessageStore messages, AuditLog audit, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
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
        return tombstone;
    }
}
