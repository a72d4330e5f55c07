package io.wechat.notification.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

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

/** A stand-in for user-service in tests: mints RS256 tokens with its own key and serves the JWKS. */
public final class TestIdentity implements AutoCloseable {
    public static final String ISSUER = "http://test-issuer";
    public static final String AUDIENCE = "wechat-app";
    private final RSAKey key;
    private final WebServer server;

    public TestIdentity() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/.well-known/jwks.json", (req, res) -> res.header(HeaderValues.CONTENT_TYPE_JSON).send(jwks)))
                .build().start();
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
