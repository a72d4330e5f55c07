package io.wechat.kit.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

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

/**
 * A stand-in for user-service as token issuer in tests: mints RS256 tokens with its own key and serves the
 * JWKS and the discovery document on 127.0.0.1. A test adds routes of its own (user-service's API as its
 * service sees it) through {@code extraRoutes}.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String ISSUER = "http://test-issuer";
    public static final String AUDIENCE = "wechat-app";
    private final RSAKey key;
    private final WebServer server;

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
                            .send("{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + jwksUrl() + "\"}"));
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

    /** A new unique user id. */
    public static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public String token(String userId) {
        return token(userId, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(15)));
    }

    /** A token whose {@code scope} claim is {@code scope} (space-separated, e.g. "user admin"), as user-service issues. */
    public String tokenWithScope(String userId, String scope) {
        return token(userId, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(15)), scope);
    }

    public String token(String userId, String issuer, String audience, Instant expiresAt) {
        return token(userId, issuer, audience, expiresAt, null);
    }

    private String token(String userId, String issuer, String audience, Instant expiresAt, String scope) {
        try {
            var claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(userId)
                    .issueTime(new Date()).expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString())
                    .claim("scope", scope).build();
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
