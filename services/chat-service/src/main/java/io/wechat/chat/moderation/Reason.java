package io.wechat.chat.moderation;

import io.wechat.kit.web.ApiException;

/** Why a moderator acts: 1-500 characters, required. */
public record Reason(String reason) {
    public static final int MAX_LENGTH = 500;

    public Reason {
        reason = check(reason, "reason", true);
    }

    /**
     * {@code text} stripped; 400 {@code invalid_<field>} when it is blank but required, or longer than {@link #MAX_LENGTH}.
     * Null when it is optional and absent.
     */
    public static String check(String text, String field, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw ApiException.badRequest("invalid_" + field, field + " is required");
            }
            return null;
        }
        String stripped = text.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_LENGTH) {
            throw ApiException.badRequest("invalid_" + field, field + " may have at most " + MAX_LENGTH + " characters");
        }
        return stripped;
    }
}
