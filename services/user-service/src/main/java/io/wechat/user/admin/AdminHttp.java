package io.wechat.user.admin;

import java.util.UUID;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.web.ApiException;
import io.wechat.user.auth.Authenticator;
import io.wechat.user.web.Ids;
import io.wechat.user.web.Json;
import io.wechat.user.web.PageRequest;

/**
 * {@code /admin/users}: the admin console's account management. Every route needs the {@code admin} scope, checked
 * here as well as at the gateway.
 */
public final class AdminHttp implements HttpService {
    private static final int MAX_REASON_LENGTH = 500;

    private final Authenticator auth;
    private final AdminUsers users;

    public AdminHttp(Authenticator auth, AdminUsers users) {
        this.auth = auth;
        this.users = users;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/{userId}/disable", this::disable)
                .post("/{userId}/enable", this::enable);
    }

    private void list(ServerRequest req, ServerResponse res) {
        auth.admin(req);
        var query = req.query();
        Json.ok(res, users.list(query.contains("search") ? query.get("search") : null,
                                query.contains("status") ? query.get("status") : null,
                                PageRequest.from(query)));
    }

    private void disable(ServerRequest req, ServerResponse res) {
        UUID actor = auth.admin(req);
        UUID userId = userId(req);
        Json.ok(res, users.disable(actor, userId, Json.read(req, DisableRequest.class).reason()));
    }

    private void enable(ServerRequest req, ServerResponse res) {
        UUID actor = auth.admin(req);
        Json.ok(res, users.enable(actor, userId(req)));
    }

    private static UUID userId(ServerRequest req) {
        return Ids.pathId(req.path().pathParameters().get("userId"), "user_not_found", "user");
    }

    record DisableRequest(String reason) {
        DisableRequest {
            reason = reason == null ? "" : reason.strip();
            if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
                throw ApiException.badRequest("invalid_request", "reason must be 1-" + MAX_REASON_LENGTH + " characters");
            }
        }
    }
}
