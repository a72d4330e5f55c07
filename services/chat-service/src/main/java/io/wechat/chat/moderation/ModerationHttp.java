package io.wechat.chat.moderation;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.admin.AdminHttp;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Responses;

/** {@code DELETE /admin/conversations/{id}/messages/{messageId}} {@code {reason}}: the admin scope, checked again. */
public final class ModerationHttp implements HttpService {
    private final Authenticator auth;
    private final MessageRemoval removal;

    public ModerationHttp(Authenticator auth, MessageRemoval removal) {
        this.auth = auth;
        this.removal = removal;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.delete("/admin/conversations/{id}/messages/{messageId}", this::remove);
    }

    private void remove(ServerRequest req, ServerResponse res) {
        Caller admin = auth.requireScope(req, AdminHttp.SCOPE);
        Reason reason = Json.read(req, Reason.class);
        var params = req.path().pathParameters();
        Responses.json(res, Status.OK_200, removal.remove(admin.userId(), params.get("id"), params.get("messageId"),
                reason.reason()));
    }
}
