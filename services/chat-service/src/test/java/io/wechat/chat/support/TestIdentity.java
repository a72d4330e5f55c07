package io.wechat.chat.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.wechat.chat.web.Json;

/**
 * A stand-in for user-service in tests: mints RS256 tokens with its own key, serves the JWKS, and answers
 * {@code GET /users/{id}} for the users it knows (401 without a bearer token, 404 for unknown users and for
 * users who block the caller), with {@code canAddToGroups} for the caller: true unless the user accepts
 * group invitations from contacts only ({@link #acceptGroupInvitesFromContactsOnly}) and the caller is not one.
 */
public final class TestIdentity implements AutoCloseable {
    public static final String ISSUER = "http://test-issuer";
    public static final String AUDIENCE = "wechat-app";
    private final RSAKey key;
    private final Map<String, String> displayNames = new ConcurrentHashMap<>();
    private final Set<String> userLookups = ConcurrentHashMap.newKeySet();
    /** "blocker|blocked" pairs. */
    private final Set<String> blocks = ConcurrentHashMap.newKeySet();
    private final Set<String> contactsOnly = ConcurrentHashMap.newKeySet();
    /** "user|contact" pairs, both ways. */
    private final Set<String> contacts = ConcurrentHashMap.newKeySet();
    private final WebServer server;

    public TestIdentity() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/.well-known/jwks.json", (req, res) -> res.header(HeaderValues.CONTENT_TYPE_JSON).send(jwks))
                .get("/users/{id}", (req, res) -> {
                    String id = req.path().pathParameters().get("id");
                    if (!req.headers().first(HeaderNames.AUTHORIZATION).orElse("").startsWith("Bearer ")) {
                        res.status(Status.UNAUTHORIZED_401).send();
                        return;
                    }
                    userLookups.add(id);
                    String caller = subject(req.headers().first(HeaderNames.AUTHORIZATION).get().substring("Bearer ".length()));
                    String name = displayNames.get(id);
                    if (name == null || blocks.contains(id + "|" + caller)) {
                        res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_JSON)
                                .send("{\"error\":{\"code\":\"user_not_found\",\"message\":\"No such user\"}}");
                        return;
                    }
                    boolean canAdd = id.equals(caller) || !contactsOnly.contains(id) || contacts.contains(id + "|" + caller);
                    res.header(HeaderValues.CONTENT_TYPE_JSON).send(Json.write(Map.of(
                            "userId", id, "username", "user_" + id, "displayName", name, "canAddToGroups", canAdd)));
                })).build().start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public String jwksUrl() {
        return baseUrl() + "/.well-known/jwks.json";
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

    private static String subject(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            return "";
        }
    }

    public String token(String userId) {
        return token(userId, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(15)));
    }

    public String token(String userId, String issuer, String audience, Instant expiresAt) {
        try {
            var claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(userId)
                    .issueTime(new Date()).expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString()).build();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
