package io.wechat.user.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wechat.kit.auth.TokenVerifier;

/**
 * Issues and verifies RS256 access tokens ({@code iss, aud, sub, exp, iat, jti, scope, sid}, header {@code kid}).
 * {@code scope} is OAuth's space-separated list, which API Gateway's JWT authorizer matches route scopes against:
 * {@code user} for everyone, {@code user admin} for administrators. {@code sid} is the session (the refresh-token
 * family), which logout and disabling the account revoke. Tokens are signed with the ring's current key and
 * verified with whichever published key their {@code kid} names, so a token signed before a rotation stays valid
 * until it expires.
 */
public final class AccessTokens {
    public static final String SCOPE = "scope";
    public static final String SESSION_ID = "sid";
    private final KeyRing keys;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor;

    /** Tokens signed by one key that never rotates (tests, tools). */
    public AccessTokens(SigningKey key, String issuer, String audience, Duration ttl, Clock clock) {
        this(KeyRing.fixed(SigningKeys.of(key)), issuer, audience, ttl, clock);
    }

    public AccessTokens(KeyRing keys, String issuer, String audience, Duration ttl, Clock clock) {
        if (issuer.isBlank() || audience.isBlank() || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("issuer, audience and a positive ttl are required");
        }
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        JWKSource<SecurityContext> published = (selector, context) -> selector.select(keys.keys().published());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, published));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(Set.of("sub", "exp", "iat", "jti"))) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        // The one allowance of every verifier of these tokens (services, the local edge), not Nimbus's default 60 s.
        claims.setMaxClockSkew((int) TokenVerifier.CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    public IssuedToken issue(UUID userId, UUID sessionId, List<String> scopes) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(userId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim(SCOPE, String.join(" ", scopes))
                .claim(SESSION_ID, sessionId.toString())
                .build();
        SigningKey key = keys.keys().current();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.keyId())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key.jwk()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return new IssuedToken(jwt.serialize(), ttl.toSeconds());
    }

    /**
     * Verifies signature, issuer, audience and expiry (the kit's {@link TokenVerifier#CLOCK_SKEW}) and answers the
     * subject, session and scopes.
     *
     * @throws InvalidTokenException for anything but a valid token
     */
    public Verified verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            String sessionId = claims.getStringClaim(SESSION_ID);
            String scope = claims.getStringClaim(SCOPE);
            return new Verified(UUID.fromString(claims.getSubject()),
                                sessionId == null ? null : UUID.fromString(sessionId),
                                scope == null ? Set.of() : Set.of(scope.trim().split(" +")));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    /** A valid token's user, session (null for tokens issued before sessions were named) and scopes. */
    public record Verified(UUID userId, UUID sessionId, Set<String> scopes) {
        public Verified {
            scopes = Set.copyOf(scopes);
        }
    }

    public record IssuedToken(String token, long expiresInSeconds) {
    }

    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
