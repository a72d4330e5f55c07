package io.wechat.notification.preferences;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Responses;
import io.wechat.kit.web.Times;
import io.wechat.notification.storage.Keys;

/**
 * Mutes ({@code GET|PUT|DELETE /conversations/{id}/mute}) and settings ({@code GET|PUT /settings}).
 * Membership is chat-service's: muting a conversation one is not in is harmless (it never pushes to
 * non-members), so it is not checked here.
 */
public final class PreferencesHttp implements HttpService {
    private final Authenticator auth;
    private final PreferenceStore preferences;
    private final Clock clock;

    public PreferencesHttp(Authenticator auth, PreferenceStore preferences, Clock clock) {
        this.auth = auth;
        this.preferences = preferences;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/conversations/{id}/mute", this::getMute)
                .put("/conversations/{id}/mute", this::mute)
                .delete("/conversations/{id}/mute", this::unmute)
                .get("/settings", this::getSettings)
                .put("/settings", this::putSettings);
    }

    private void getMute(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String conversationId = conversationId(req);
        Instant now = clock.instant();
        Optional<Mute> mute = preferences.mute(caller.userId(), conversationId).filter(m -> m.activeAt(now));
        Responses.json(res, Status.OK_200, view(conversationId, mute.isPresent(), mute.flatMap(Mute::until)));
    }

    private void mute(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String conversationId = conversationId(req);
        var request = req.content().hasEntity()
                ? Json.read(req, PreferenceRequestBodies.MuteConversation.class) : new PreferenceRequestBodies.MuteConversation(null);
        Instant now = clock.instant();
        Optional<Instant> until = request.untilInstant();
        if (until.isPresent() && !until.get().isAfter(now)) {
            throw ApiException.badRequest("invalid_until", "until must be in the future");
        }
        preferences.mute(caller.userId(), conversationId, until, now);
        Responses.json(res, Status.OK_200, view(conversationId, true, until));
    }

    private void unmute(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        preferences.unmute(caller.userId(), conversationId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void getSettings(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        Responses.json(res, Status.OK_200, Map.of("previewMode", preferences.previewMode(caller.userId()).wire()));
    }

    private void putSettings(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var request = Json.read(req, PreferenceRequestBodies.UpdateSettings.class);
        preferences.setPreviewMode(caller.userId(), request.mode());
        Responses.json(res, Status.OK_200, Map.of("previewMode", request.mode().wire()));
    }

    private static String conversationId(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (!Keys.isValidId(id)) {
            throw ApiException.badRequest("invalid_conversation_id", "Invalid conversation id");
        }
        return id;
    }

    /** {@code mutedUntil} null while muted means forever. */
    private static Map<String, Object> view(String conversationId, boolean muted, Optional<Instant> until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", conversationId);
        body.put("muted", muted);
        body.put("mutedUntil", until.map(Times::format).orElse(null));
        return body;
    }
}
