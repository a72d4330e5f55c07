package io.wechat.user.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.webserver.WebServer;
import io.wechat.kit.auth.JwksSource;
import io.wechat.kit.auth.TokenVerifier;
import io.wechat.kit.testing.OffsetClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A rotation with the operators' own script ({@code scripts/rotate-signing-keys}) on the key file a running
 * issuer reads: the JWKS publishes current, next and previous keys; new tokens name the new key; every token issued
 * before stays valid, for user-service itself and for the platform kit's verifier that every other service and
 * the edge use, which needs no extra fetch for the new key because it was published as next.
 */
class KeyRotationTest {
    private static final String ISSUER = "http://issuer.test";
    private static final String AUDIENCE = "wechat-app";
    private static final Path SCRIPT = Path.of("scripts/rotate-signing-keys");

    @TempDir
    Path dir;
    private Path keyFile;
    private WebServer server;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private KeyRing ring;
    private AccessTokens tokens;

    @BeforeEach
    void start() throws Exception {
        keyFile = dir.resolve("jwt-signing-keys.json");
        rotate();
        // Reloads on every use, as a deployed instance does once its reload interval has passed.
        ring = new KeyRing(SigningKeyLoader.store(keyFile.toString(), "", id -> ""), Duration.ZERO, Clock.systemUTC());
        tokens = new AccessTokens(ring, ISSUER, AUDIENCE, Duration.ofMinutes(15), Clock.systemUTC());
        WellKnownHttp wellKnown = new WellKnownHttp(ISSUER, ring);
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.addFilter((chain, req, res) -> {
                    if (req.path().path().endsWith("/jwks.json")) {
                        jwksFetches.incrementAndGet();
                    }
                    chain.proceed();
                }).register("/.well-known", wellKnown))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aRotationInvalidatesNoLiveToken() throws Exception {
        OffsetClock clock = new OffsetClock();
        TokenVerifier kit = new TokenVerifier(
                JwksSource.fromJwksUrl(URI.create("http://127.0.0.1:" + server.port() + "/.well-known/jwks.json"),
                                       Duration.ofHours(1), Duration.ofSeconds(10), clock),
                ISSUER, AUDIENCE, clock);
        SigningKeys first = ring.keys();
        String before = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), List.of("user")).token();
        assertThat(kid(before), is(first.current().keyId()));
        assertThat(kit.verify(before).isPresent(), is(true));
        assertThat(jwksFetches.get(), is(1));

        rotate();
        SigningKeys second = ring.keys();
        assertThat(second.current().keyId(), is(first.next().orElseThrow().keyId()));
        assertThat(published(), containsInAnyOrder(first.current().keyId(), second.current().keyId(),
                                                   second.next().orElseThrow().keyId()));
        String after = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), List.of("user")).token();
        assertThat(kid(after), is(second.current().keyId()));
        assertThat(kit.verify(after).isPresent(), is(true));
        assertThat(kit.verify(before).isPresent(), is(true));
        assertThat("the new signing key was already known as next", jwksFetches.get(), is(1));
        tokens.verify(before);
        tokens.verify(after);

        // A second rotation soon after still publishes both older keys (retired well within the retention). Its
        // signing key was created after the kit's fetch: an unknown kid, fetched once (at most once per 10 s).
        rotate();
        String third = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), List.of("user")).token();
        assertThat(published().size(), is(4));
        tokens.verify(before);
        clock.advance(Duration.ofSeconds(11));
        assertThat(kit.verify(third).isPresent(), is(true));
        assertThat(kit.verify(before).isPresent(), is(true));
        assertThat(jwksFetches.get(), is(2));
    }

    @Test
    void aBarePemBecomesCurrentWithANextKey() throws Exception {
        String pem = io.wechat.user.testing.TestKeys.rsaPkcs8Pem();
        Files.writeString(keyFile, pem);
        String kid = SigningKey.fromPkcs8Pem(pem).keyId();
        assertThat(SigningKeys.parse(pem).published().getKeys().size(), is(1));
        assertThat(rotate(), containsString("kept the key as current"));
        SigningKeys ring = SigningKeys.parse(Files.readString(keyFile));
        assertThat(ring.current().keyId(), is(kid));
        assertThat(published().getFirst(), is(kid));
        assertThat(published().size(), is(2));
    }

    @Test
    void anUnreadableRingKeepsTheKeysInHand() throws Exception {
        String kid = ring.keys().current().keyId();
        Files.writeString(keyFile, "{\"current\": 42}");
        assertThat(ring.keys().current().keyId(), is(kid));
        assertThat(tokens.verify(tokens.issue(UUID.randomUUID(), UUID.randomUUID(), List.of("user")).token()) != null, is(true));
    }

    /** The published key ids; this look does not count as a verifier's fetch. */
    private List<String> published() throws Exception {
        int verifierFetches = jwksFetches.get();
        List<String> kids = JWKSet.load(URI.create("http://127.0.0.1:" + server.port() + "/.well-known/jwks.json").toURL())
                .getKeys().stream().map(k -> k.getKeyID()).toList();
        jwksFetches.set(verifierFetches);
        return kids;
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private String rotate() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SCRIPT.toAbsolutePath().toString(), "--file", keyFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output, process.waitFor(), is(0));
        return output;
    }
}
