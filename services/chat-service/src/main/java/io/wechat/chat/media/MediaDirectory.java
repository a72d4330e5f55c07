package io.wechat.chat.media;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;

/**
 * Media as media-service knows it ({@code GET /media/{mediaId}} with the sender's token). A message may
 * carry a media id only when media-service answers 200 with {@code status: "ready"} and the sender as
 * {@code ownerId}; anything else is 400 {@code invalid_media}, and media-service not answering is 503.
 */
public final class MediaDirectory {
    private static final System.Logger LOG = System.getLogger(MediaDirectory.class.getName());
    private final WebClient client;

    /** {@code client} must have media-service's base URI and timeouts set. */
    public MediaDirectory(WebClient client) {
        this.client = client;
    }

    public void requireSendable(String mediaId, Caller caller) {
        if (caller.authorization().isBlank()) {
            // A WebSocket route event carries the authorizer's claims, not the token media-service needs.
            throw ApiException.badRequest("media_requires_http",
                    "Send image and file messages with POST /conversations/{id}/messages");
        }
        String path = "/media/" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8).replace("+", "%20");
        JsonNode media;
        try (HttpClientResponse response = client.get(path)
                .header(HeaderNames.AUTHORIZATION, caller.authorization())
                .header(HeaderNames.ACCEPT, "application/json")
                .request()) {
            if (response.status().code() >= 500) {
                LOG.log(Level.WARNING, "media-service answered " + response.status().code() + " for media " + mediaId);
                throw unavailable();
            }
            if (response.status() != Status.OK_200) {
                throw invalid();
            }
            media = Json.tree(response.as(byte[].class));
        } catch (ApiException e) {
            throw e.status() == Status.SERVICE_UNAVAILABLE_503 ? e : invalid();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "media-service call failed for media " + mediaId + ": " + e);
            throw unavailable();
        }
        if (!"ready".equals(media.path("status").asText()) || !caller.userId().equals(media.path("ownerId").asText())) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid_media", "mediaId must name a ready upload of yours");
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("media_service_unavailable", "Media cannot be checked right now, retry later");
    }
}
