package io.wechat.notification.notifications;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.web.Responses;

/**
 * {@code GET /admin/pushes/stats}: pushes sent and failed in the last 24 h, over all users, for the admin console
 * (chat-service's {@code GET /admin/stats} asks it with the admin's token). The admin scope, checked again behind the
 * gateway's.
 */
public final class PushStatsHttp implements HttpService {
    private final Authenticator auth;
    private final Deliveries deliveries;

    public PushStatsHttp(Authenticator auth, Deliveries deliveries) {
        this.auth = auth;
        this.deliveries = deliveries;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/admin/pushes/stats", this::stats);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        auth.requireScope(req, "admin");
        Responses.json(res, Status.OK_200, deliveries.last24h());
    }
}
