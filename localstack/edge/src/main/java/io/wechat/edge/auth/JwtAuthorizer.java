package io.wechat.edge.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wechat.edge.EdgeConfig.Jwt;
import io.wechat.edge.Json;

/**
 * API Gateway's JWT authorizer: the token's {@code kid} names a key of the issuer's JWKS (found through its
 * discovery document, cached, fetched again when an unknown {@code kid} arrives), the RSA signature verifies,
 * {@code iss} equals the issuer, {@code aud} (or {@code client_id} when there is no {@code aud}) names one of the
 * audiences, {@code exp} is in the future and {@code nbf}/{@code iat} are not. Anything else is unauthorized.
 */
public final class JwtAuthorizer {
    private static final System.Logger LOG = System.getLogger(JwtAuthorizer.class.getName());
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                                                        JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(1);

    private final Jwt config;
    private final HttpClient http;
    private final Clock clock;
    private volatile JWKSet keys = new JWKSet();
    private volatile Instant lastFetch = Instant.EPOCH;
    private final ReentrantLock fetching = new ReentrantLock();

    public JwtAuthorizer(Jwt config, HttpClient http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    /** Strips an optional {@code Bearer } prefix, as API Gateway does for the identity source. */
    public static String bearer(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        String v = headerValue.trim();
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : v;
    }

    /** The verified claims, or empty when the token must be refused with 401. */
    public Optional<JWTClaimsSet> authorize(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!RSA.contains(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<RSAKey> key = key(jwt.getHeader().getKeyID());
            if (key.isEmpty() || !jwt.verify(new RSASSAVerifier(key.get()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return valid(claims) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean valid(JWTClaimsSet claims) {
        Date now = Date.from(clock.instant());
        if (!config.issuer().equals(claims.getIssuer())) {
            return false;
        }
        List<String> aud = claims.getAudience();
        if (aud.isEmpty()) {
            Object clientId = claims.getClaim("client_id");
            aud = clientId == null ? List.of() : List.of(clientId.toString());
        }
        if (aud.stream().noneMatch(config.audiences()::contains)) {
            return false;
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)) {
            return false;
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now)) {
            return false;
        }
        return claims.getIssueTime() == null || !claims.getIssueTime().after(now);
    }

    private Optional<RSAKey> key(String kid) {
        JWK jwk = keys.getKeyByKeyId(kid);
        if (jwk == null) {
            jwk = refreshedKey(kid);
        }
        return jwk instanceof RSAKey rsa ? Optional.of(rsa) : Optional.empty();
    }

    /**
     * One fetch at a time: a request that arrives while the keys are being fetched waits for them rather than being
     * refused (a browser's first page sends several authorized requests at once, right after sign-in).
     */
    private JWK refreshedKey(String kid) {
        fetching.lock();
        try {
            JWK jwk = keys.getKeyByKeyId(kid);
            Instant now = clock.instant();
            if (jwk == null && Duration.between(lastFetch, now).compareTo(MIN_REFETCH_INTERVAL) >= 0) {
                lastFetch = now;
                refresh();
                jwk = keys.getKeyByKeyId(kid);
            }
            return jwk;
        } finally {
            fetching.unlock();
        }
    }

    private void refresh() {
        try {
            URI jwksUri = config.jwksUrl() != null ? config.jwksUrl() : discoverJwksUri();
            keys = JWKSet.parse(get(jwksUri));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cannot fetch the issuer's keys: " + e);
        }
    }

    private URI discoverJwksUri() throws Exception {
        String jwksUri = Json.parse(get(config.discoveryUrl())).path("jwks_uri").asText(null);
        if (jwksUri == null) {
            throw new IllegalStateException("no jwks_uri in " + config.discoveryUrl());
        }
        return URI.create(jwksUri);
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                                                  HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }
}
