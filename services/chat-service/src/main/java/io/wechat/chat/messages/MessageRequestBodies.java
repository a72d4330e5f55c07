package io.wechat.chat.messages;

import java.util.LinkedHashSet;
import java.util.List;

import io.wechat.chat.storage.Keys;
import io.wechat.kit.web.ApiException;

/** Request bodies of the message routes, validated on construction. */
final class MessageRequestBodies {
    static final int MAX_TEXT = 4000;
    static final int MAX_MENTIONS = 50;

    private MessageRequestBodies() {
    }

    /**
     * {@code POST /conversations/{id}/messages} (and the WebSocket {@code sendMessage}): new content ({@code type},
     * {@code text}, {@code mediaId}, optionally {@code replyTo} and mentions), or a copy of another message
     * ({@code forwardOf}, with no content of its own).
     */
    record SendMessage(String clientMessageId, String type, String text, String mediaId, String replyTo,
                       List<String> mentions, Boolean mentionAll, ForwardOf forwardOf) {
        SendMessage {
            if (!Keys.isValidId(clientMessageId)) {
                throw ApiException.badRequest("invalid_client_message_id",
                        "clientMessageId is required: 1-128 characters of letters, digits, '.', '_', ':', '-'");
            }
            mentions = checkedMentions(mentions);
            mentionAll = Boolean.TRUE.equals(mentionAll);
            if (replyTo != null && !Keys.isValidId(replyTo)) {
                throw ApiException.badRequest("invalid_reply_to", "replyTo must be a message id");
            }
            if (forwardOf != null) {
                if (type != null || text != null || mediaId != null || replyTo != null || !mentions.isEmpty() || mentionAll) {
                    throw ApiException.badRequest("invalid_forward",
                            "A forward copies its message: it has no type, text, mediaId, replyTo or mentions of its own");
                }
            } else {
                MessageType kind = MessageType.parse(type);
                if (kind == MessageType.TEXT) {
                    text = requiredText(text);
                    if (mediaId != null) {
                        throw ApiException.badRequest("invalid_media_id", "A text message has no mediaId");
                    }
                } else {
                    if (!Keys.isValidId(mediaId)) {
                        throw ApiException.badRequest("invalid_media_id", "An " + type + " message needs a valid mediaId");
                    }
                    text = text == null || text.isBlank() ? null : checkedLength(text);
                }
            }
        }

        /** The content of a new message, for the usual send; a forward takes its content from the original. */
        SendMessage(String clientMessageId, String type, String text, String mediaId) {
            this(clientMessageId, type, text, mediaId, null, null, null, null);
        }
    }

    /** {@code forwardOf}: the message to copy, of a conversation the caller is a member of. */
    record ForwardOf(String conversationId, String messageId) {
        ForwardOf {
            if (!Keys.isValidId(conversationId) || !Keys.isValidId(messageId)) {
                throw ApiException.badRequest("invalid_forward", "forwardOf needs a conversationId and a messageId");
            }
        }
    }

    private static List<String> checkedMentions(List<String> mentions) {
        if (mentions == null) {
            return List.of();
        }
        if (mentions.size() > MAX_MENTIONS) {
            throw ApiException.badRequest("too_many_mentions", "A message mentions at most " + MAX_MENTIONS + " users");
        }
        for (String userId : mentions) {
            if (!Keys.isValidId(userId)) {
                throw ApiException.badRequest("invalid_mentions", "mentions must be user ids");
            }
        }
        return List.copyOf(new LinkedHashSet<>(mentions));
    }

    /** {@code PATCH /conversations/{id}/messages/{messageId}}. */
    record EditMessage(String text) {
        EditMessage {
            text = requiredText(text);
        }
    }

    static String requiredText(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("invalid_text", "text is required");
        }
        return checkedLength(text);
    }

    private static String checkedLength(String text) {
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw ApiException.badRequest("text_too_long", "text may have at most " + MAX_TEXT + " characters");
        }
        return text;
    }
}
