package io.wechat.media.conversations;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;

/**
 * Asks chat-service {@code GET /conversations/{conversationId}} with the caller's own token: chat-service
 * answers 200 to members and 404 to everyone else (contract: contracts/media-service-chat-service.json).
 */
public final class ChatServiceMembership implements Membership {
    private static final System.Logger LOG = System.getLogger(ChatServiceMembership.class.getName());
    private final WebClient client;

    /** {@code client} must have chat-service's base URI and timeouts set. */
    public ChatServiceMembership(WebClient client) {
        this.client = client;
    }

    @Override
    public boolean isMember(String conversationId, Caller caller) {
        try {
            return ask(conversationId, caller);
        } catch (ConnectionFailure first) {
            // A GET is safe to repeat: Helidon's client can hand out a pooled connection that the server has just
            // closed (helidon-io/helidon#9012), which fails before anything was sent. A fresh connection answers.
            try {
                return ask(conversationId, caller);
            } catch (ConnectionFailure again) {
                LOG.log(Level.WARNING, "chat-service call failed for conversation " + conversationId + ": " + again.getCause());
                throw unavailable();
            }
        }
    }

    private boolean ask(String conversationId, Caller caller) {
        String path = "/conversations/" + URLEncoder.encode(conversationId, StandardCharsets.UTF_8).replace("+", "%20");
        try (HttpClientResponse response = client.get(path)
                .header(HeaderNames.AUTHORIZATION, caller.authorization())
                .header(HeaderNames.ACCEPT, "application/json")
                .request()) {
            Status status = response.status();
            if (status == Status.OK_200) {
                return true;
            }
            if (status == Status.NOT_FOUND_404 || status == Status.FORBIDDEN_403) {
                return false;
            }
            LOG.log(Level.WARNING, "chat-service answered " + status.code() + " for conversation " + conversationId);
            throw unavailable();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConnectionFailure(e);
        }
    }

    private static final class ConnectionFailure extends RuntimeException {
        ConnectionFailure(RuntimeException cause) {
            super(cause);
        }
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("chat_service_unavailable", "Conversations cannot be checked right now, retry later");
    }
}
