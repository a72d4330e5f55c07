package io.wechat.chat.messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.wechat.chat.reactions.ReactionType;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.storage.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A message as stored and as answered. {@code seq} orders a conversation's messages; a recalled message, and one
 * removed by a moderator, is a tombstone without text or media. {@code replyTo} quotes the message it answers;
 * {@code mentions} and {@code mentionAll} whom it calls; {@code forwarded} says it is a copy of another message;
 * {@code reactions} are counted from {@code reactors} (who reacted with what) for one viewer ({@link #forViewer}).
 */
public record Message(String messageId, String conversationId, long seq, String senderId, String type, String text,
                      String mediaId, String clientMessageId, String createdAt, String editedAt, boolean recalled,
                      boolean removed, ReplyTo replyTo, List<String> mentions, boolean mentionAll, boolean forwarded,
                      List<Reaction> reactions, @JsonIgnore Map<ReactionType, Set<String>> reactors) {
    public static final int PREVIEW_LENGTH = 100;

    public Message {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(type, "type");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        reactors = reactors == null ? Map.of() : Map.copyOf(reactors);
        reactions = reactions == null ? counted(reactors, null) : List.copyOf(reactions);
    }

    /** A message as sent: not recalled, not removed, no reply, mention, forward or reaction. */
    public Message(String messageId, String conversationId, long seq, String senderId, String type, String text,
                   String mediaId, String clientMessageId, String createdAt, String editedAt, boolean recalled) {
        this(messageId, conversationId, seq, senderId, type, text, mediaId, clientMessageId, createdAt, editedAt,
                recalled, false, null, List.of(), false, false, null, Map.of());
    }

    /** The quoted message of a reply: its preview as it was, unless it was recalled or removed since (then none). */
    public record ReplyTo(String messageId, long seq, String senderId, String type, String preview, boolean recalled,
                          boolean removed) {
        ReplyTo gone(boolean nowRecalled, boolean nowRemoved) {
            return nowRecalled || nowRemoved
                    ? new ReplyTo(messageId, seq, senderId, type, null, nowRecalled, nowRemoved) : this;
        }
    }

    /** One reaction of a message: how many people chose it and whether the viewer is one of them. */
    public record Reaction(String reaction, int count, boolean mine) {
    }

    Message withSeq(long newSeq) {
        return new Message(messageId, conversationId, newSeq, senderId, type, text, mediaId, clientMessageId,
                createdAt, editedAt, recalled, removed, replyTo, mentions, mentionAll, forwarded, reactions, reactors);
    }

    Message withReplyTo(ReplyTo quote) {
        return new Message(messageId, conversationId, seq, senderId, type, text, mediaId, clientMessageId,
                createdAt, editedAt, recalled, removed, quote, mentions, mentionAll, forwarded, reactions, reactors);
    }

    /** This message as {@code userId} sees it: {@code mine} set on the reactions they chose. */
    public Message forViewer(String userId) {
        return new Message(messageId, conversationId, seq, senderId, type, text, mediaId, clientMessageId,
                createdAt, editedAt, recalled, removed, replyTo, mentions, mentionAll, forwarded,
                counted(reactors, userId), reactors);
    }

    /** Whether the message calls this user: named in {@code mentions}, or everyone but the sender with {@code mentionAll}. */
    public boolean mentions(String userId) {
        return mentions.contains(userId) || (mentionAll && !senderId.equals(userId));
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

    /** The quote a reply to this message carries. */
    ReplyTo quote() {
        return new ReplyTo(messageId, seq, senderId, type, preview(), recalled, removed);
    }

    private static List<Reaction> counted(Map<ReactionType, Set<String>> reactors, String viewer) {
        List<Reaction> counted = new ArrayList<>();
        for (ReactionType type : ReactionType.values()) {
            Set<String> users = reactors.getOrDefault(type, Set.of());
            if (!users.isEmpty()) {
                counted.add(new Reaction(type.emoji(), users.size(), viewer != null && users.contains(viewer)));
            }
        }
        return List.copyOf(counted);
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
        if (replyTo != null) {
            Map<String, AttributeValue> quote = new LinkedHashMap<>();
            quote.put("message_id", Items.s(replyTo.messageId()));
            quote.put("seq", Items.n(replyTo.seq()));
            quote.put("sender_id", Items.s(replyTo.senderId()));
            quote.put("type", Items.s(replyTo.type()));
            if (replyTo.preview() != null) {
                quote.put("preview", Items.s(replyTo.preview()));
            }
            item.put("reply_to", AttributeValue.fromM(quote));
        }
        if (!mentions.isEmpty()) {
            item.put("mentions", AttributeValue.fromL(mentions.stream().map(AttributeValue::fromS).toList()));
        }
        if (mentionAll) {
            item.put("mention_all", AttributeValue.fromBool(true));
        }
        if (forwarded) {
            item.put("forwarded", AttributeValue.fromBool(true));
        }
        return item;
    }

    public static Message fromItem(Map<String, AttributeValue> item) {
        ReplyTo replyTo = null;
        AttributeValue quote = item.get("reply_to");
        if (quote != null && quote.hasM()) {
            Map<String, AttributeValue> m = quote.m();
            replyTo = new ReplyTo(Items.str(m, "message_id"), Items.num(m, "seq"), Items.str(m, "sender_id"),
                    Items.str(m, "type"), Items.str(m, "preview"), false, false);
        }
        List<String> mentions = item.containsKey("mentions") && item.get("mentions").hasL()
                ? item.get("mentions").l().stream().map(AttributeValue::s).toList() : List.of();
        Map<ReactionType, Set<String>> reactors = new LinkedHashMap<>();
        for (ReactionType type : ReactionType.values()) {
            AttributeValue users = item.get(type.attribute());
            if (users != null && users.hasSs() && !users.ss().isEmpty()) {
                reactors.put(type, Set.copyOf(users.ss()));
            }
        }
        return new Message(Items.str(item, "message_id"), Items.str(item, "conversation_id"), Items.num(item, "seq"),
                Items.str(item, "sender_id"), Items.str(item, "type"), Items.str(item, "text"),
                Items.str(item, "media_id"), Items.str(item, "client_message_id"), Items.str(item, "created_at"),
                Items.str(item, "edited_at"), Items.bool(item, "recalled"), Items.bool(item, "removed"),
                replyTo, mentions, Items.bool(item, "mention_all"), Items.bool(item, "forwarded"), null, reactors);
    }
}
