package io.wechat.user.auth;

import java.util.Locale;

import io.wechat.kit.web.ApiException;
import io.wechat.user.users.ProfileRules;

/**
 * Bodies of the {@code /auth} routes, validated on construction.
 */
final class AuthRequests {
    /** Long enough for any valid username; longer input is not worth hashing or counting separately. */
    private static final int MAX_LOGIN_FIELD = 256;

    private AuthRequests() {
    }

    record Register(String username, String password, String displayName) {
        Register {
            username = ProfileRules.username(username);
            password = ProfileRules.password(password);
            displayName = ProfileRules.displayName(displayName);
        }
    }

    /**
     * Only presence is checked: any other rule would tell an attacker which usernames cannot exist. {@code deviceLabel}
     * (optional) names the session in the user's list of sessions.
     */
    record Login(String username, String password, String deviceLabel) {
        Login {
            username = required(username, "username").strip().toLowerCase(Locale.ROOT);
            password = required(password, "password");
            if (username.length() > MAX_LOGIN_FIELD || password.length() > MAX_LOGIN_FIELD) {
                throw ApiException.badRequest("invalid_request", "username or password too long");
            }
            if (deviceLabel != null && deviceLabel.length() > DeviceLabel.MAX_LENGTH) {
                throw ApiException.badRequest("invalid_device_label",
                                              "deviceLabel must be at most " + DeviceLabel.MAX_LENGTH + " characters");
            }
        }
    }

    /** The current password proves it is the owner, not someone holding their unlocked device or a stolen token. */
    record ChangePassword(String currentPassword, String newPassword) {
        ChangePassword {
            required(currentPassword, "currentPassword");
            if (currentPassword.length() > MAX_LOGIN_FIELD) {
                throw ApiException.badRequest("invalid_request", "currentPassword too long");
            }
            newPassword = ProfileRules.password(newPassword);
        }
    }

    record DeleteAccount(String password) {
        DeleteAccount {
            required(password, "password");
            if (password.length() > MAX_LOGIN_FIELD) {
                throw ApiException.badRequest("invalid_request", "password too long");
            }
        }
    }

    record RefreshToken(String refreshToken) {
        RefreshToken {
            required(refreshToken, "refreshToken");
            if (refreshToken.length() > MAX_LOGIN_FIELD) {
                throw ApiException.badRequest("invalid_request", "refreshToken too long");
            }
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("invalid_request", field + " is required");
        }
        return value;
    }
}
