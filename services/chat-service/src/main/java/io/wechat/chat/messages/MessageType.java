package io.wechat.chat.messages;

import java.util.Locale;

import io.wechat.kit.web.ApiException;

/** What a message carries: text, or a reference to an uploaded image or file (with an optional caption). */
public enum MessageType {
    TEXT, IMAGE, FILE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageType parse(String value) {
        if (value != null) {
            for (MessageType type : values()) {
                if (type.wire().equals(value)) {
                    return type;
                }
            }
        }
        throw ApiException.badRequest("invalid_type", "type must be \"text\", \"image\" or \"file\"");
    }
}
