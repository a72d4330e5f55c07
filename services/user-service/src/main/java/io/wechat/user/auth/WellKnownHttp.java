package io.wechat.user.auth;

import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.user.web.Json;

/**
 * {@code /.well-known}: the discovery document and the JWKS that verifiers (API Gateway's JWT authorizer and the
 * other services) use to check access tokens.
 */
public final class WellKnownHttp implements HttpService {
    private final Map<String, Object> discovery;
    private final KeyRing keys;

    public WellKnownHttp(String issuer, KeyRing keys) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.discovery = Map.of(
                "issuer", issuer,
                "jwks_uri", base + "/.well-known/jwks.json",
                "response_types_supported", List.of("token"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"));
        this.keys = keys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/openid-configuration", this::discovery)
                .get("/jwks.json", this::jwks);
    }

    private void discovery(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        Json.ok(res, discovery);
    }

    private void jwks(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        // Current, next and previous keys: see SigningKeys for why all three.
        Json.ok(res, keys.keys().published().toJSONObject(true));
    }
}
