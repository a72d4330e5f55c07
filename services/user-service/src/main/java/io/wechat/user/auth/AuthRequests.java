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

    /** Only presence is checked: any other rule would tell an attacker which usernames cannot exist. */
    record Login(String username, String password) {
        Login {
            username = required(username, "username").strip().toLowerCase(Locale.ROOT);
            password = required(password, "password");
            if (username.length() > MAX_LOGIN_FIELD || password.length() > MAX_LOGIN_FIELD) {
                throw ApiException.badRequest("invalid_request", "username or password too long");
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
