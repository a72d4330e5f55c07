package io.wechat.user.users;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.user.auth.Authenticator;
import io.wechat.user.web.Ids;
import io.wechat.user.web.Json;
import io.wechat.user.web.PageRequest;

/**
 * {@code /users}: own profile, public profiles and search.
 */
public final class UserRoutes implements HttpService {
    private final Authenticator auth;
    private final UserDirectory directory;
    private final Settings settings;

    public UserRoutes(Authenticator auth, UserDirectory directory, Settings settings) {
        this.auth = auth;
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/me", this::me)
                .patch("/me", this::updateMe)
                .get("/{userId}", this::profile)
                .get("/", this::search);
    }

    private void me(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        Json.ok(res, directory.me(me).withGroupInvites(settings.groupInvites(me)));
    }

    /** A merge patch of the profile and of the settings ({@code groupInvites}). */
    private void updateMe(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        JsonNode body = Json.readTree(req);
        ProfileUpdate update = ProfileUpdate.fromJson(body);
        String groupInvites = settings.update(me, body);
        Json.ok(res, directory.update(me, update).withGroupInvites(groupInvites));
    }

    private void profile(ServerRequest req, ServerResponse res) {
        UUID viewer = auth.userId(req);
        UUID userId = Ids.pathId(req.path().pathParameters().get("userId"), "user_not_found", "user");
        Profiles.PublicProfile profile = directory.profile(viewer, userId);
        Json.ok(res, Profiles.ViewedProfile.of(profile, settings.canAddToGroups(viewer, userId)));
    }

    private void search(ServerRequest req, ServerResponse res) {
        UUID viewer = auth.userId(req);
        var query = req.query();
        String search = query.contains("search") ? query.get("search") : null;
        Json.ok(res, directory.search(viewer, search, PageRequest.from(query)));
    }
}
