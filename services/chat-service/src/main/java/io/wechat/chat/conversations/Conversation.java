package io.wechat.chat.conversations;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.web.ApiException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A conversation's own item ({@code CONV#<id>} / {@code META}); a group's {@code avatarMediaId} and
 * {@code announcement} are set by its owner and admins. {@code mentionAllSeq}: the newest message that mentions
 * everyone (written by the messages package).
 */
public record Conversation(String conversationId, ConversationType type, String title, String createdBy,
                           String createdAt, int memberCount, long lastSeq, String lastActivityAt,
                           LastMessage lastMessage, String avatarMediaId, String announcement, long mentionAllSeq) {
    public Conversation {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(type, "type");
    }

    /** A new conversation: no avatar or announcement, nobody mentioned yet. */
    public Conversation(String conversationId, ConversationType type, String title, String createdBy,
                        String createdAt, int memberCount, long lastSeq, String lastActivityAt, LastMessage lastMessage) {
        this(conversationId, type, title, createdBy, createdAt, memberCount, lastSeq, lastActivityAt, lastMessage,
                null, null, 0);
    }

    /** The 404 every non-member gets, so that a conversation's existence never leaks. */
    public static ApiException notFound() {
        return ApiException.notFound("conversation_not_found", "No such conversation");
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(Keys.meta(conversationId));
        item.put("conversation_id", AttributeValue.fromS(conversationId));
        item.put("type", AttributeValue.fromS(type.wire()));
        if (title != null) {
            item.put("title", AttributeValue.fromS(title));
        }
        item.put("created_by", AttributeValue.fromS(createdBy));
        item.put("created_at", AttributeValue.fromS(createdAt));
        item.put("member_count", Items.n(memberCount));
        item.put("last_seq", Items.n(lastSeq));
        item.put("last_activity_at", AttributeValue.fromS(lastActivityAt));
        if (lastMessage != null) {
            item.put("last_message", lastMessage.toAttribute());
        }
        return item;
    }

    static Conversation fromItem(Map<String, AttributeValue> item) {
        return new Conversation(Items.str(item, "conversation_id"), ConversationType.parse(Items.str(item, "type")),
                Items.str(item, "title"), Items.str(item, "created_by"), Items.str(item, "created_at"),
                (int) Items.num(item, "member_count"), Items.num(item, "last_seq"),
                Items.str(item, "last_activity_at"), LastMessage.from(item.get("last_message")),
                Items.str(item, "avatar_media_id"), Items.str(item, "announcement"), Items.num(item, "mention_all_seq"));
    }
}
