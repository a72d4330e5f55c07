package io.wechat.kit.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.wechat.kit.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class TokenVerifierTest {
    private static TestIssuer issuer;
    private static TokenVerifier verifier;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer();
        var keys = JwksSource.fromJwksUrl(URI.create(issuer.jwksUrl()), Duration.ofHours(1), Duration.ofSeconds(10),
                                          Clock.systemUTC());
        verifier = new TokenVerifier(keys, TestIssuer.ISSUER, Set.of(TestIssuer.AUDIENCE, "other-client"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void acceptsAValidTokenAndAnswersItsSubject() {
        assertThat(verifier.verify(issuer.token("u-1")), is(Optional.of("u-1")));
        assertThat(verifier.verify(issuer.token("u-1", TestIssuer.ISSUER, "other-client",
                                                Instant.now().plusSeconds(60))), is(Optional.of("u-1")));
    }

    @Test
    void toleratesTheClockSkewAndNoMore() {
        Instant justExpired = Instant.now().minus(TokenVerifier.CLOCK_SKEW).plusSeconds(5);
        Instant longExpired = Instant.now().minus(TokenVerifier.CLOCK_SKEW).minusSeconds(5);
        assertThat(verifier.verify(issuer.token("u-1", TestIssuer.ISSUER, TestIssuer.AUDIENCE, justExpired)).isPresent(), is(true));
        assertThat(verifier.verify(issuer.token("u-1", TestIssuer.ISSUER, TestIssuer.AUDIENCE, longExpired)).isPresent(), is(false));
    }

    @Test
    void rejectsWrongIssuerAudienceExpiryAndSignature() {
        Instant later = Instant.now().plusSeconds(600);
        assertThat(verifier.verify(issuer.token("u-1", "http://evil", TestIssuer.AUDIENCE, later)).isPresent(), is(false));
        assertThat(verifier.verify(issuer.token("u-1", TestIssuer.ISSUER, "third-app", later)).isPresent(), is(false));
        assertThat(verifier.verify(issuer.token("u-1", TestIssuer.ISSUER, TestIssuer.AUDIENCE,
                                                Instant.now().minusSeconds(120))).isPresent(), is(false));
        try (TestIssuer stranger = new TestIssuer()) {
            assertThat(verifier.verify(stranger.token("u-1")).isPresent(), is(false));
        }
        String token = issuer.token("u-1");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThat(verifier.verify(tampered).isPresent(), is(false));
        assertThat(verifier.verify("garbage").isPresent(), is(false));
        assertThat(verifier.verify("").isPresent(), is(false));
        assertThat(verifier.verify(null).isPresent(), is(false));
    }
}
