package io.wechat.kit.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.wechat.kit.web.Json;

/**
 * A stand-in for user-service as token issuer in tests: mints RS256 tokens with its own key and serves the
 * JWKS, the discovery document and the list of revoked sessions ({@link #revoke}) on 127.0.0.1. A test adds routes of its own (user-service's API as its
 * service sees it) through {@code extraRoutes}.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String ISSUER = "http://test-issuer";
    public static final String AUDIENCE = "wechat-app";
    private final RSAKey key;
    private final WebServer server;
    private final Set<String> revokedSessions = ConcurrentHashMap.newKeySet();

    public TestIssuer() {
        this(routing -> { });
    }

    public TestIssuer(Consumer<HttpRouting.Builder> extraRoutes) {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> {
            r.get("/.well-known/jwks.json", (req, res) -> res.header(HeaderValues.CONTENT_TYPE_JSON).send(jwks()))
                    .get("/.well-known/openid-configuration", (req, res) -> res.header(HeaderValues.CONTENT_TYPE_JSON)
                            .send("{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + jwksUrl() + "\"}"))
                    .get("/.well-known/revoked-sessions", (req, res) -> res.header(HeaderValues.CONTENT_TYPE_JSON)
                            .send(revokedSessionsJson()));
            extraRoutes.accept(r);
        }).build().start();
    }

    /** The public key set, as the issuer serves it. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public String jwksUrl() {
        return baseUrl() + "/.well-known/jwks.json";
    }

    public String revokedSessionsUrl() {
        return baseUrl() + "/.well-known/revoked-sessions";
    }

    /** The revocation list, as the issuer serves it. */
    public String revokedSessionsJson() {
        try {
            return Json.MAPPER.writeValueAsString(Map.of("sessionIds", Set.copyOf(revokedSessions)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lists the session as revoked, as user-service does at logout or when the account is disabled. */
    public void revoke(String sessionId) {
        revokedSessions.add(sessionId);
    }

    /** A new unique user id. */
    public static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public String token(String userId) {
        return token(userId, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(15)));
    }

    /** A token of a session ({@code sid}) with the given {@code scope} claim ("user", "user admin"). */
    public String token(String userId, String sessionId, String scope) {
        return sign(claims(userId, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(15)))
                            .claim("sid", sessionId).claim("scope", scope).build());
    }

    public String token(String userId, String issuer, String audience, Instant expiresAt) {
        return sign(claims(userId, issuer, audience, expiresAt).build());
    }

    private static JWTClaimsSet.Builder claims(String userId, String issuer, String audience, Instant expiresAt) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(userId)
                .issueTime(new Date()).expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) {
        try {
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
