package io.wechat.user.auth;

import java.time.Clock;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.web.Times;
import io.wechat.user.web.Json;

/**
 * {@code GET /.well-known/revoked-sessions}: the sessions whose access tokens every verifier must refuse although
 * they have not expired (the platform kit's {@code RevokedSessions} reads it, as it reads the JWKS). Public like the
 * JWKS: session ids are random and say nothing without the token that carries one.
 */
public final class RevokedSessionsHttp implements HttpService {
    private final Sessions sessions;
    private final Clock clock;

    public RevokedSessionsHttp(Sessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::revoked);
    }

    private void revoked(ServerRequest req, ServerResponse res) {
        // Verifiers poll it: a cache in between would only delay revocations.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.ok(res, new RevokedList(sessions.revoked(), Times.format(clock.instant())));
    }

    record RevokedList(List<String> sessionIds, String generatedAt) {
    }
}
