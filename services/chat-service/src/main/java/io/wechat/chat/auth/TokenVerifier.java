package io.wechat.chat.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Verifies user-service's RS256 access tokens: signature from the JWKS, iss, aud, exp and nbf. */
public final class TokenVerifier {
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private final JwksSource keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public TokenVerifier(JwksSource keys, String issuer, String audience, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** The token's subject when the token is valid now; empty for any defect. */
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
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<JWK> key = keys.key(jwt.getHeader().getKeyID());
            if (key.isEmpty() || !(key.get() instanceof RSAKey rsa)
                    || !jwt.verify(new RSASSAVerifier(rsa.toRSAPublicKey()))) {
                return Optional.empty();
            }
            return validClaims(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private Optional<JWTClaimsSet> validClaims(JWTClaimsSet claims) {
        Date now = Date.from(clock.instant());
        Date expiry = claims.getExpirationTime();
        Date notBefore = claims.getNotBeforeTime();
        boolean valid = issuer.equals(claims.getIssuer())
                && claims.getAudience() != null && claims.getAudience().contains(audience)
                && expiry != null && expiry.toInstant().plus(CLOCK_SKEW).isAfter(now.toInstant())
                && (notBefore == null || !notBefore.toInstant().minus(CLOCK_SKEW).isAfter(now.toInstant()))
                && claims.getSubject() != null && !claims.getSubject().isBlank();
        return valid ? Optional.of(claims) : Optional.empty();
    }
}
