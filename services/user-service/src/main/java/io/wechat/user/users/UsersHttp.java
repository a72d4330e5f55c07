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
public final class UsersHttp implements HttpService {
    private final Authenticator auth;
    private final ProfileService profiles;
    private final GroupInvites groupInvites;

    public UsersHttp(Authenticator auth, ProfileService profiles, GroupInvites groupInvites) {
        this.auth = auth;
        this.profiles = profiles;
        this.groupInvites = groupInvites;
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
        Json.ok(res, profiles.me(me).withGroupInvites(groupInvites.groupInvites(me)));
    }

    /** A merge patch of the profile and of the settings ({@code groupInvites}). */
    private void updateMe(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        JsonNode body = Json.readTree(req);
        ProfileUpdate update = ProfileUpdate.fromJson(body);
        String invites = groupInvites.update(me, body);
        Json.ok(res, profiles.update(me, update).withGroupInvites(invites));
    }

    private void profile(ServerRequest req, ServerResponse res) {
        UUID viewer = auth.userId(req);
        UUID userId = Ids.pathId(req.path().pathParameters().get("userId"), "user_not_found", "user");
        Profiles.PublicProfile profile = profiles.profile(viewer, userId);
        Json.ok(res, Profiles.ViewedProfile.of(profile, groupInvites.canAddToGroups(viewer, userId)));
    }

    private void search(ServerRequest req, ServerResponse res) {
        UUID viewer = auth.userId(req);
        var query = req.query();
        String search = query.contains("search") ? query.get("search") : null;
        Json.ok(res, profiles.search(viewer, search, PageRequest.from(query)));
    }
}
