package io.wechat.chat.messages;

import io.wechat.chat.storage.Keys;
import io.wechat.kit.web.ApiException;

/** Request bodies of the message routes, validated on construction. */
final class MessageRequestBodies {
    static final int MAX_TEXT = 4000;

    private MessageRequestBodies() {
    }

    /** {@code POST /conversations/{id}/messages}. */
    record SendMessage(String clientMessageId, String type, String text, String mediaId) {
        SendMessage {
            if (!Keys.isValidId(clientMessageId)) {
                throw ApiException.badRequest("invalid_client_message_id",
                        "clientMessageId is required: 1-128 characters of letters, digits, '.', '_', ':', '-'");
            }
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
