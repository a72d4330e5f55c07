package io.wechat.chat.messages;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A message as stored and as answered. {@code seq} orders a conversation's messages; a recalled message, and one
 * removed by a moderator, is a tombstone without text or media.
 */
public record Message(String messageId, String conversationId, long seq, String senderId, String type, String text,
                      String mediaId, String clientMessageId, String createdAt, String editedAt, boolean recalled,
                      boolean removed) {
    public static final int PREVIEW_LENGTH = 100;

    public Message {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(type, "type");
    }

    /** A message as sent: not recalled, not removed. */
    public Message(String messageId, String conversationId, long seq, String senderId, String type, String text,
                   String mediaId, String clientMessageId, String createdAt, String editedAt, boolean recalled) {
        this(messageId, conversationId, seq, senderId, type, text, mediaId, clientMessageId, createdAt, editedAt,
                recalled, false);
    }

    Message withSeq(long newSeq) {
        return new Message(messageId, conversationId, newSeq, senderId, type, text, mediaId, clientMessageId,
                createdAt, editedAt, recalled, removed);
    }

    /** What a notification or the conversation list shows of this message. */
    public String preview() {
        if (recalled || removed) {
            return null;
        }
        if (text != null && !text.isBlank()) {
            String flat = text.strip().replaceAll("\\s+", " ");
            return flat.codePointCount(0, flat.length()) <= PREVIEW_LENGTH
                    ? flat : flat.substring(0, flat.offsetByCodePoints(0, PREVIEW_LENGTH - 1)) + "…";
        }
        return "[" + type + "]";
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(Keys.message(conversationId, seq));
        item.put("message_id", AttributeValue.fromS(messageId));
        item.put("sender_id", AttributeValue.fromS(senderId));
        item.put("sent_at_message_id", AttributeValue.fromS(Keys.sentAtMessageId(createdAt, messageId)));
        item.put("type", AttributeValue.fromS(type));
        if (text != null) {
            item.put("text", AttributeValue.fromS(text));
        }
        if (mediaId != null) {
            item.put("media_id", AttributeValue.fromS(mediaId));
        }
        item.put("client_message_id", AttributeValue.fromS(clientMessageId));
        item.put("created_at", AttributeValue.fromS(createdAt));
        item.put("recalled", AttributeValue.fromBool(recalled));
        return item;
    }

    public static Message fromItem(Map<String, AttributeValue> item) {
        return new Message(Items.str(item, "message_id"), Items.str(item, "conversation_id"), Items.num(item, "seq"),
                Items.str(item, "sender_id"), Items.str(item, "type"), Items.str(item, "text"),
                Items.str(item, "media_id"), Items.str(item, "client_message_id"), Items.str(item, "created_at"),
                Items.str(item, "edited_at"), Items.bool(item, "recalled"), Items.bool(item, "removed"));
    }
}
