package io.wechat.notification.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.helidon.webclient.api.WebClient;
import io.wechat.notification.support.TestIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class TokenVerifierTest {
    private static TestIdentity identity;
    private static TokenVerifier verifier;

    @BeforeAll
    static void start() {
        identity = new TestIdentity();
        var keys = new JwksSource(WebClient.builder().build(), identity.jwksUrl(), Duration.ofHours(1),
                Duration.ofSeconds(10), Clock.systemUTC());
        verifier = new TokenVerifier(keys, TestIdentity.ISSUER, TestIdentity.AUDIENCE, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        identity.close();
    }

    @Test
    void acceptsAValidTokenAndAnswersItsSubject() {
        assertThat(verifier.verify(identity.token("u-1")).orElseThrow(), is("u-1"));
    }

    @Test
    void rejectsWrongIssuerAudienceExpiryAndSignature() {
        Instant later = Instant.now().plusSeconds(600);
        assertThat(verifier.verify(identity.token("u-1", "http://evil", TestIdentity.AUDIENCE, later)).isPresent(), is(false));
        assertThat(verifier.verify(identity.token("u-1", TestIdentity.ISSUER, "other-app", later)).isPresent(), is(false));
        assertThat(verifier.verify(identity.token("u-1", TestIdentity.ISSUER, TestIdentity.AUDIENCE,
                Instant.now().minusSeconds(120))).isPresent(), is(false));
        try (TestIdentity stranger = new TestIdentity()) {
            assertThat(verifier.verify(stranger.token("u-1")).isPresent(), is(false));
        }
        String token = identity.token("u-1");
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThat(verifier.verify(tampered).isPresent(), is(false));
        assertThat(verifier.verify("garbage").isPresent(), is(false));
    }
}
