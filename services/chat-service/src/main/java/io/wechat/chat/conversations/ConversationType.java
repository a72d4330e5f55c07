package io.wechat.chat.conversations;

import io.wechat.kit.web.ApiException;

/** A direct conversation joins exactly two users, once per pair ever; a group up to 500. */
public enum ConversationType {
    DIRECT, GROUP;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ConversationType parse(String value) {
        if (value != null) {
            for (ConversationType type : values()) {
                if (type.wire().equals(value)) {
                    return type;
                }
            }
        }
        throw ApiException.badRequest("invalid_type", "type must be \"direct\" or \"group\"");
    }
}
