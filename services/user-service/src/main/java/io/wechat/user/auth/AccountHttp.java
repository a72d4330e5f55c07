package io.wechat.user.auth;

import java.util.UUID;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.user.web.ClientAddress;
import io.wechat.user.web.Ids;
import io.wechat.user.web.Json;

/**
 * Account control: {@code POST /users/me/password}, {@code DELETE /users/me} ({@link #account}) and
 * {@code GET /auth/sessions}, {@code DELETE /auth/sessions/{sessionId}} ({@link #sessions}).
 */
public final class AccountHttp {
    private final Authenticator auth;
    private final AccountControl control;
    private final ClientAddress clientAddress;

    public AccountHttp(Authenticator auth, AccountControl control, ClientAddress clientAddress) {
        this.auth = auth;
        this.control = control;
        this.clientAddress = clientAddress;
    }

    /** Registered at {@code /users/me}. */
    public HttpService account() {
        return rules -> rules.post("/password", this::changePassword)
                .delete("/", this::deleteAccount);
    }

    /** Registered at {@code /auth/sessions}. */
    public HttpService sessions() {
        return rules -> rules.get("/", this::listSessions)
                .delete("/{sessionId}", this::endSession);
    }

    private void changePassword(ServerRequest req, ServerResponse res) {
        AccessTokens.Verified caller = auth.caller(req);
        control.changePassword(caller, Json.read(req, AuthRequests.ChangePassword.class), clientAddress.of(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void deleteAccount(ServerRequest req, ServerResponse res) {
        AccessTokens.Verified caller = auth.caller(req);
        control.deleteAccount(caller, Json.read(req, AuthRequests.DeleteAccount.class), clientAddress.of(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void listSessions(ServerRequest req, ServerResponse res) {
        Json.ok(res, control.sessions(auth.caller(req)));
    }

    private void endSession(ServerRequest req, ServerResponse res) {
        AccessTokens.Verified caller = auth.caller(req);
        UUID sessionId = Ids.pathId(req.path().pathParameters().get("sessionId"), "session_not_found", "session");
        control.endSession(caller, sessionId);
        res.status(Status.NO_CONTENT_204).send();
    }
}
