package io.wechat.user.users;

import java.util.Locale;
import java.util.regex.Pattern;
import io.wechat.kit.web.ApiException;


/**
 * Validation of the user-facing fields of an account. Each method answers the normalized value or throws a 400.
 */
public final class ProfileRules {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.]{3,32}");
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 128;
    private static final int MAX_DISPLAY_NAME = 64;
    private static final int MAX_STATUS_MESSAGE = 140;

    private ProfileRules() {
    }

    /** 3-32 characters of {@code [a-z0-9_.]}, compared case-insensitively (stored lower-cased). */
    public static String username(String raw) {
        String normalized = required(raw, "username").strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(normalized).matches()) {
            throw ApiException.badRequest("invalid_username",
                                          "username must be 3-32 characters of a-z, 0-9, '_' and '.'");
        }
        return normalized;
    }

    public static String password(String raw) {
        int length = required(raw, "password").codePointCount(0, raw.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw ApiException.badRequest("invalid_password",
                                          "password must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
        return raw;
    }

    public static String displayName(String raw) {
        String value = required(raw, "displayName").strip();
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > MAX_DISPLAY_NAME || CONTROL.matcher(value).find()) {
            throw ApiException.badRequest("invalid_display_name",
                                          "displayName must be 1-" + MAX_DISPLAY_NAME + " printable characters");
        }
        return value;
    }

    /** Null or blank clears the status message. */
    public static String statusMessage(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        if (value.codePointCount(0, value.length()) > MAX_STATUS_MESSAGE || CONTROL.matcher(value).find()) {
            throw ApiException.badRequest("invalid_status_message",
                                          "statusMessage must be at most " + MAX_STATUS_MESSAGE
                                                  + " printable characters");
        }
        return value;
    }

    /** Null clears the avatar; otherwise an opaque media id as issued by media-service. */
    public static String avatarMediaId(String raw) {
        if (raw == null) {
            return null;
        }
        if (!MEDIA_ID.matcher(raw).matches()) {
            throw ApiException.badRequest("invalid_avatar_media_id", "avatarMediaId is not a media id");
        }
        return raw;
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw ApiException.badRequest("invalid_request", field + " is required");
        }
        return value;
    }
}
