package io.wechat.chat.admin;

import java.lang.System.Logger.Level;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.Json;

/**
 * Pushes sent and failed in the last 24 h, from notification-service's own count: {@code GET /admin/pushes/stats}
 * with the admin's token (so notification-service checks the admin scope itself). A figure nobody can give right now
 * is null rather than a failed page.
 */
public final class PushFigures {
    private static final System.Logger LOG = System.getLogger(PushFigures.class.getName());
    private final WebClient client;

    /** {@code client} must have notification-service's base URI and timeouts set. */
    public PushFigures(WebClient client) {
        this.client = client;
    }

    /** {@code {sent24h, failed24h}}; both null when notification-service does not answer them. */
    public record Pushes(Long sent24h, Long failed24h) {
    }

    public Pushes last24h(Caller admin) {
        try (HttpClientResponse response = client.get("/admin/pushes/stats")
                .header(HeaderNames.AUTHORIZATION, admin.authorization())
                .header(HeaderNames.ACCEPT, "application/json")
                .request()) {
            if (response.status() != Status.OK_200) {
                LOG.log(Level.WARNING, "notification-service answered " + response.status().code() + " for push figures");
                return new Pushes(null, null);
            }
            JsonNode body = Json.tree(response.as(byte[].class));
            return new Pushes(count(body, "sent24h"), count(body, "failed24h"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "notification-service cannot give push figures: " + e);
            return new Pushes(null, null);
        }
    }

    private static Long count(JsonNode body, String field) {
        return body.path(field).canConvertToLong() ? body.path(field).asLong() : null;
    }
}
