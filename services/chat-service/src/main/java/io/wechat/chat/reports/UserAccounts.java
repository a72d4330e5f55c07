package io.wechat.chat.reports;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;

/**
 * Disables an account through user-service ({@code POST /admin/users/{userId}/disable {reason}}), which owns
 * accounts, with the admin's own token: user-service checks the admin scope itself and records the admin as the
 * actor (its {@code user.disabled} event brings the action into the audit log).
 */
public final class UserAccounts {
    private static final System.Logger LOG = System.getLogger(UserAccounts.class.getName());
    private final WebClient client;

    /** {@code client} must have user-service's base URI and timeouts set. */
    public UserAccounts(WebClient client) {
        this.client = client;
    }

    /** Idempotent, as user-service's route is. 404 for an unknown user; 503 when user-service cannot answer. */
    public void disable(Caller admin, String userId, String reason) {
        String path = "/admin/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20") + "/disable";
        int status;
        try (HttpClientResponse response = client.post(path)
                .header(HeaderNames.AUTHORIZATION, admin.authorization())
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .header(HeaderNames.ACCEPT, "application/json")
                .submit(Json.write(Map.of("reason", reason)))) {
            status = response.status().code();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "user-service cannot disable user " + userId + ": " + e);
            throw unavailable();
        }
        if (status == 404) {
            throw ApiException.notFound("user_not_found", "No such user");
        }
        if (status == 401 || status == 403) {
            throw ApiException.forbidden("forbidden", "user-service refused to disable the user with this token");
        }
        if (status < 200 || status >= 300) {
            LOG.log(Level.WARNING, "user-service answered " + status + " to disabling user " + userId);
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("user_service_unavailable", "The user cannot be disabled right now, retry later");
    }
}
