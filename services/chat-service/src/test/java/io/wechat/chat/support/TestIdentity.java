package io.wechat.chat.support;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.Json;

/**
 * A stand-in for user-service in tests: the kit's {@link TestIssuer} (tokens and JWKS) that also answers
 * {@code GET /users/{id}} for the users it knows (401 without a bearer token, 404 for unknown users).
 */
public final class TestIdentity implements AutoCloseable {
    public static final String ISSUER = TestIssuer.ISSUER;
    public static final String AUDIENCE = TestIssuer.AUDIENCE;
    private final Map<String, String> displayNames = new ConcurrentHashMap<>();
    private final TestIssuer issuer;

    public TestIdentity() {
        issuer = new TestIssuer(r -> r.get("/users/{id}", (req, res) -> {
            String id = req.path().pathParameters().get("id");
            if (!req.headers().first(HeaderNames.AUTHORIZATION).orElse("").startsWith("Bearer ")) {
                res.status(Status.UNAUTHORIZED_401).send();
                return;
            }
            String name = displayNames.get(id);
            if (name == null) {
                res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_JSON)
                        .send("{\"error\":{\"code\":\"user_not_found\",\"message\":\"No such user\"}}");
                return;
            }
            res.header(HeaderValues.CONTENT_TYPE_JSON).send(Json.write(Map.of(
                    "userId", id, "username", "user_" + id, "displayName", name)));
        }));
    }

    public String baseUrl() {
        return issuer.baseUrl();
    }

    public String jwksUrl() {
        return issuer.jwksUrl();
    }

    /** Registers a new user with a unique id and answers it. */
    public String newUser(String displayName) {
        String id = "u-" + UUID.randomUUID().toString().substring(0, 13);
        displayNames.put(id, displayName);
        return id;
    }

    public String token(String userId) {
        return issuer.token(userId);
    }

    public String token(String userId, String issuer, String audience, Instant expiresAt) {
        return this.issuer.token(userId, issuer, audience, expiresAt);
    }

    @Override
    public void close() {
        issuer.close();
    }
}
