package io.wechat.notification.notifications;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Responses;

/** {@code GET /notifications?cursor&limit}: the pushes sent to me, newest first. */
public final class NotificationsHttp implements HttpService {
    private final Authenticator auth;
    private final NotificationLog log;

    public NotificationsHttp(Authenticator auth, NotificationLog log) {
        this.auth = auth;
        this.log = log;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/notifications", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        String userId = auth.caller(req).userId();
        Responses.json(res, Status.OK_200, log.page(userId, Paging.of(req)));
    }
}
