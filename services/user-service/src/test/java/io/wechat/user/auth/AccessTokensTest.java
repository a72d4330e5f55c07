package io.wechat.user.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.wechat.user.testing.TestKeys;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccessTokensTest {
    private static final SigningKey KEY = SigningKey.fromPkcs8Pem(TestKeys.rsaPkcs8Pem());
    private static final Instant NOW = Instant.parse("2026-11-26T21:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final UUID SESSION = UUID.randomUUID();
    private static final List<String> SCOPES = List.of("user");

    private final AccessTokens tokens = tokens(KEY, "https://issuer", "wechat-app", CLOCK);

    @Test
    void issuesRs256TokenWithAllClaimsAndKid() throws Exception {
        UUID user = UUID.randomUUID();
        AccessTokens.IssuedToken issued = tokens.issue(user, SESSION, SCOPES);

        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getAlgorithm().getName(), is("RS256"));
        assertThat(jwt.getHeader().getKeyID(), is(KEY.publicJwk().computeThumbprint().toString()));
        assertThat(jwt.getJWTClaimsSet().getIssuer(), is("https://issuer"));
        assertThat(jwt.getJWTClaimsSet().getAudience().getFirst(), is("wechat-app"));
        assertThat(jwt.getJWTClaimsSet().getSubject(), is(user.toString()));
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant(), is(NOW));
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant(), is(NOW.plusSeconds(900)));
        assertThat(jwt.getJWTClaimsSet().getJWTID(), notNullValue());
        assertThat(issued.expiresInSeconds(), is(900L));
    }

    @Test
    void verifiesOwnToken() {
        UUID user = UUID.randomUUID();
        assertThat(tokens.verify(tokens.issue(user, SESSION, SCOPES).token()).userId(), is(user));
    }

    @Test
    void carriesTheScopesAndTheSession() throws Exception {
        UUID user = UUID.randomUUID();
        String token = tokens.issue(user, SESSION, List.of("user", "admin")).token();

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope"), is("user admin"));
        assertThat(jwt.getJWTClaimsSet().getStringClaim("sid"), is(SESSION.toString()));
        AccessTokens.Verified verified = tokens.verify(token);
        assertThat(verified.sessionId(), is(SESSION));
        assertThat(verified.scopes(), is(Set.of("user", "admin")));
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = tokens.issue(UUID.randomUUID(), SESSION, SCOPES).token().split("\\.");
        String otherPayload = tokens.issue(UUID.randomUUID(), SESSION, SCOPES).token().split("\\.")[1];
        assertThrows(AccessTokens.InvalidTokenException.class,
                     () -> tokens.verify(parts[0] + "." + otherPayload + "x." + parts[2]));
        assertThrows(AccessTokens.InvalidTokenException.class,
                     () -> tokens.verify(parts[0] + "." + otherPayload + "." + parts[2]));
    }

    @Test
    void rejectsExpiredToken() {
        AccessTokens past = tokens(KEY, "https://issuer", "wechat-app",
                                   Clock.fixed(NOW.minus(Duration.ofMinutes(20)), ZoneOffset.UTC));
        String token = past.issue(UUID.randomUUID(), SESSION, SCOPES).token();
        assertThrows(AccessTokens.InvalidTokenException.class, () -> tokens.verify(token));
    }

    @Test
    void allowsTheSameClockSkewAsEveryOtherVerifier() {
        Duration skew = io.wechat.kit.auth.TokenVerifier.CLOCK_SKEW;
        String justExpired = tokens(KEY, "https://issuer", "wechat-app",
                Clock.fixed(NOW.minus(Duration.ofSeconds(900)).minus(skew).plusSeconds(5), ZoneOffset.UTC))
                .issue(UUID.randomUUID(), SESSION, SCOPES).token();
        String expiredBeyondTheSkew = tokens(KEY, "https://issuer", "wechat-app",
                Clock.fixed(NOW.minus(Duration.ofSeconds(900)).minus(skew).minusSeconds(5), ZoneOffset.UTC))
                .issue(UUID.randomUUID(), SESSION, SCOPES).token();
        assertThat(tokens.verify(justExpired).sessionId(), is(SESSION));
        assertThrows(AccessTokens.InvalidTokenException.class, () -> tokens.verify(expiredBeyondTheSkew));
    }

    @Test
    void rejectsOtherAudienceIssuerOrKey() {
        String otherAudience = tokens(KEY, "https://issuer", "another-app", CLOCK).issue(UUID.randomUUID(), SESSION, SCOPES).token();
        String otherIssuer = tokens(KEY, "https://evil", "wechat-app", CLOCK).issue(UUID.randomUUID(), SESSION, SCOPES).token();
        SigningKey otherKey = SigningKey.fromPkcs8Pem(TestKeys.rsaPkcs8Pem());
        String otherSigner = tokens(otherKey, "https://issuer", "wechat-app", CLOCK).issue(UUID.randomUUID(), SESSION, SCOPES).token();

        assertThrows(AccessTokens.InvalidTokenException.class, () -> tokens.verify(otherAudience));
        assertThrows(AccessTokens.InvalidTokenException.class, () -> tokens.verify(otherIssuer));
        assertThrows(AccessTokens.InvalidTokenException.class, () -> tokens.verify(otherSigner));
    }

    @Test
    void rejectsGarbageAndUnsignedTokens() {
        assertThrows(AccessTokens.InvalidTokenException.class, () -> tokens.verify("not-a-jwt"));
        String[] parts = tokens.issue(UUID.randomUUID(), SESSION, SCOPES).token().split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes());
        assertThrows(AccessTokens.InvalidTokenException.class, () -> tokens.verify(noneHeader + "." + parts[1] + "."));
    }

    private static AccessTokens tokens(SigningKey key, String issuer, String audience, Clock clock) {
        return new AccessTokens(key, issuer, audience, Duration.ofSeconds(900), clock);
    }
}
