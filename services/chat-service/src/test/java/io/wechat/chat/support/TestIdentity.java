package io.wechat.chat.support;

import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.SignedJWT;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.Json;

/**
 * A stand-in for user-service in tests: the kit's {@link TestIssuer} (tokens and JWKS) that also answers
 * {@code GET /users/{id}} for the users it knows (401 without a bearer token, 404 for unknown users and for
 * users who block the caller), with {@code canAddToGroups} for the caller: true unless the user accepts
 * group invitations from contacts only ({@link #acceptGroupInvitesFromContactsOnly}) and the caller is not one;
 * and {@code POST /admin/users/{id}/disable} (403 without the admin scope, 404 for unknown users), recorded in
 * {@link #disabled}.
 */
public final class TestIdentity implements AutoCloseable {
    public static final String ISSUER = TestIssuer.ISSUER;
    public static final String AUDIENCE = TestIssuer.AUDIENCE;
    private final Map<String, String> displayNames = new ConcurrentHashMap<>();
    /** "blocker|blocked" pairs. */
    private final Set<String> blocks = ConcurrentHashMap.newKeySet();
    private final Set<String> contactsOnly = ConcurrentHashMap.newKeySet();
    /** "user|contact" pairs, both ways. */
    private final Set<String> contacts = ConcurrentHashMap.newKeySet();
    private final TestIssuer issuer;

    /** The accounts user-service was asked to disable, and why ({@code POST /admin/users/{id}/disable}). */
    public final Map<String, String> disabled = new ConcurrentHashMap<>();

    public TestIdentity() {
        issuer = new TestIssuer(r -> r.post("/admin/users/{id}/disable", (req, res) -> {
            String id = req.path().pathParameters().get("id");
            String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
            if (!scopes(authorization).contains("admin")) {
                res.status(Status.FORBIDDEN_403).header(HeaderValues.CONTENT_TYPE_JSON)
                        .send("{\"error\":{\"code\":\"forbidden\",\"message\":\"admin scope required\"}}");
                return;
            }
            if (!displayNames.containsKey(id)) {
                res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_JSON)
                        .send("{\"error\":{\"code\":\"user_not_found\",\"message\":\"No such user\"}}");
                return;
            }
            disabled.put(id, Json.tree(req.content().as(byte[].class)).path("reason").asText());
            res.header(HeaderValues.CONTENT_TYPE_JSON).send(Json.write(Map.of("userId", id, "status", "disabled")));
        }).get("/users/{id}", (req, res) -> {
            String id = req.path().pathParameters().get("id");
            String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
            if (!authorization.startsWith("Bearer ")) {
                res.status(Status.UNAUTHORIZED_401).send();
                return;
            }
            String caller = subject(authorization.substring("Bearer ".length()));
            String name = displayNames.get(id);
            if (name == null || blocks.contains(id + "|" + caller)) {
                res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_JSON)
                        .send("{\"error\":{\"code\":\"user_not_found\",\"message\":\"No such user\"}}");
                return;
            }
            boolean canAdd = id.equals(caller) || !contactsOnly.contains(id) || contacts.contains(id + "|" + caller);
            res.header(HeaderValues.CONTENT_TYPE_JSON).send(Json.write(Map.of(
                    "userId", id, "username", "user_" + id, "displayName", name, "canAddToGroups", canAdd)));
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

    /** From now on user-service answers 404 to {@code blocked} about {@code blocker}. */
    public void block(String blocker, String blocked) {
        blocks.add(blocker + "|" + blocked);
    }

    public void acceptGroupInvitesFromContactsOnly(String userId) {
        contactsOnly.add(userId);
    }

    public void makeContacts(String one, String other) {
        contacts.add(one + "|" + other);
        contacts.add(other + "|" + one);
    }

    public String token(String userId) {
        return issuer.token(userId);
    }

    /** A token with this {@code scope} claim, e.g. "user admin" for an admin. */
    public String tokenWithScope(String userId, String scope) {
        return issuer.tokenWithScope(userId, scope);
    }

    /** A token of one session ({@code sid}), as user-service issues them. */
    public String sessionToken(String userId, String sessionId) {
        return issuer.token(userId, sessionId, "user");
    }

    /** Lists the session as revoked, as user-service does at logout or when the account is disabled. */
    public void revoke(String sessionId) {
        issuer.revoke(sessionId);
    }

    public String token(String userId, String issuer, String audience, Instant expiresAt) {
        return this.issuer.token(userId, issuer, audience, expiresAt);
    }

    private static Set<String> scopes(String authorization) {
        try {
            Object scope = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet().getClaim("scope");
            return scope == null ? Set.of() : Set.of(scope.toString().split(" "));
        } catch (ParseException | RuntimeException e) {
            return Set.of();
        }
    }

    private static String subject(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            return "";
        }
    }

    @Override
    public void close() {
        issuer.close();
    }
}
