package io.wechat.kit.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Verifies the issuer's access tokens as API Gateway's JWT authorizer does, and as every service does again
 * behind it: an RSA signature by a key of the issuer's JWKS named by the token's {@code kid}; {@code iss} equal
 * to the issuer; {@code aud} (or {@code client_id} when there is no {@code aud}) naming one of the audiences;
 * {@code exp} in the future and {@code nbf}/{@code iat} not, each within {@link #CLOCK_SKEW}; a subject.
 */
public final class TokenVerifier {
    /** The one clock-skew allowance of every verifier of the system (the edge's and each service's). */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                                                        JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private final JwksSource keys;
    private final String issuer;
    private final Set<String> audiences;
    private final Clock clock;

    public TokenVerifier(JwksSource keys, String issuer, Set<String> audiences, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
    }

    public TokenVerifier(JwksSource keys, String issuer, String audience, Clock clock) {
        this(keys, issuer, Set.of(audience), clock);
    }

    /**
     * The token's subject when the token is valid now; empty for any defect.
     *
     * @throws JwksSource.KeysUnavailableException when the issuer's keys cannot be fetched
     */
    public Optional<String> verify(String token) {
        return claims(token).map(JWTClaimsSet::getSubject);
    }

    /** All the token's claims when the token is valid now (as for {@link #verify}); empty for any defect. */
    public Optional<JWTClaimsSet> claims(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!RSA.contains(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<JWK> key = keys.key(jwt.getHeader().getKeyID());
            if (key.isEmpty() || !(key.get() instanceof RSAKey rsa)
                    || !jwt.verify(new RSASSAVerifier(rsa.toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return valid(claims) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean valid(JWTClaimsSet claims) {
        Instant now = clock.instant();
        List<String> audience = claims.getAudience();
        if (audience.isEmpty()) {
            Object clientId = claims.getClaim("client_id");
            audience = clientId == null ? List.of() : List.of(clientId.toString());
        }
        return issuer.equals(claims.getIssuer())
                && audience.stream().anyMatch(audiences::contains)
                && claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isAfter(now)
                && notAfter(claims.getNotBeforeTime(), now)
                && notAfter(claims.getIssueTime(), now)
                && claims.getSubject() != null && !claims.getSubject().isBlank();
    }

    /** An optional time that must not lie in the future, beyond the skew. */
    private static boolean notAfter(Date time, Instant now) {
        return time == null || !time.toInstant().minus(CLOCK_SKEW).isAfter(now);
    }
}
