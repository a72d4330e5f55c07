package io.wechat.user.auth;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.user.web.ClientAddress;
import io.wechat.user.web.Json;

/**
 * {@code /auth}: register, login, refresh, logout.
 */
public final class AuthHttp implements HttpService {
    private final Accounts accounts;
    private final ClientAddress clientAddress;

    public AuthHttp(Accounts accounts, ClientAddress clientAddress) {
        this.accounts = accounts;
        this.clientAddress = clientAddress;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/register", this::register)
                .post("/login", this::login)
                .post("/refresh", this::refresh)
                .post("/logout", this::logout);
    }

    private void register(ServerRequest req, ServerResponse res) {
        Accounts.Registered user = accounts.register(Json.read(req, AuthRequests.Register.class),
                                                        clientAddress.of(req));
        res.header(HeaderNames.LOCATION, "/users/" + user.userId());
        Json.send(res, Status.CREATED_201, user);
    }

    private void login(ServerRequest req, ServerResponse res) {
        noStore(res);
        Json.ok(res, accounts.login(Json.read(req, AuthRequests.Login.class), clientAddress.of(req),
                                    req.headers().first(HeaderNames.USER_AGENT).orElse(null)));
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        noStore(res);
        Json.ok(res, accounts.refresh(Json.read(req, AuthRequests.RefreshToken.class)));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        accounts.logout(Json.read(req, AuthRequests.RefreshToken.class));
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Token responses must never be cached (RFC 6749 5.1). */
    private static void noStore(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }
}
