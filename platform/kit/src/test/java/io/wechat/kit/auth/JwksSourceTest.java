package io.wechat.kit.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.http.HeaderValues;
import io.wechat.kit.testing.OffsetClock;
import io.wechat.kit.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JwksSourceTest {
    private static final int CONCURRENT_FIRST_REQUESTS = 8;
    private static final AtomicInteger fetches = new AtomicInteger();
    private static TestIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer(routing -> routing.get("/slow/jwks.json", (req, res) -> {
            fetches.incrementAndGet();
            // A slow issuer widens the window in which concurrent first requests find no keys yet.
            Thread.sleep(300);
            res.header(HeaderValues.CONTENT_TYPE_JSON).send(issuer.jwks());
        }));
    }

    @BeforeEach
    void resetCount() {
        fetches.set(0);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void concurrentFirstRequestsAllWaitForTheOneFetch() throws Exception {
        var keys = JwksSource.fromJwksUrl(URI.create(issuer.baseUrl() + "/slow/jwks.json"), Duration.ofHours(1),
                                          Duration.ofSeconds(10), Clock.systemUTC());
        var verifier = new TokenVerifier(keys, TestIssuer.ISSUER, TestIssuer.AUDIENCE, Clock.systemUTC());
        String token = issuer.token("u-1");
        var start = new CyclicBarrier(CONCURRENT_FIRST_REQUESTS);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_FIRST_REQUESTS);
        try {
            List<Future<Optional<String>>> answers = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_FIRST_REQUESTS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return verifier.verify(token);
                }));
            }
            List<Optional<String>> subjects = new ArrayList<>();
            for (var answer : answers) {
                subjects.add(answer.get());
            }
            assertThat(subjects, everyItem(is(Optional.of("u-1"))));
            assertThat(fetches.get(), is(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownKidRefetchesAtMostOncePerInterval() {
        var clock = new OffsetClock();
        var keys = JwksSource.fromJwksUrl(URI.create(issuer.baseUrl() + "/slow/jwks.json"), Duration.ofHours(1),
                                          Duration.ofSeconds(10), clock);
        var verifier = new TokenVerifier(keys, TestIssuer.ISSUER, TestIssuer.AUDIENCE, clock);
        assertThat(verifier.verify(issuer.token("u-1")).isPresent(), is(true));
        assertThat(keys.key("made-up").isPresent(), is(false));
        assertThat(keys.key("made-up-too").isPresent(), is(false));
        assertThat(fetches.get(), is(1));
        clock.advance(Duration.ofSeconds(11));
        assertThat(keys.key("made-up").isPresent(), is(false));
        assertThat(fetches.get(), is(2));
    }

    @Test
    void aStaleSetIsFetchedAgain() {
        var clock = new OffsetClock();
        var keys = JwksSource.fromJwksUrl(URI.create(issuer.baseUrl() + "/slow/jwks.json"), Duration.ofMinutes(5),
                                          Duration.ofSeconds(10), clock);
        var verifier = new TokenVerifier(keys, TestIssuer.ISSUER, TestIssuer.AUDIENCE, clock);
        String token = issuer.token("u-1", TestIssuer.ISSUER, TestIssuer.AUDIENCE, Instant.now().plus(Duration.ofHours(1)));
        assertThat(verifier.verify(token).isPresent(), is(true));
        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(token).isPresent(), is(true));
        assertThat(fetches.get(), is(2));
    }

    @Test
    void findsTheKeysThroughTheDiscoveryDocument() {
        var keys = JwksSource.fromDiscovery(URI.create(issuer.baseUrl() + "/.well-known/openid-configuration"),
                                            Duration.ofHours(1), Duration.ofSeconds(1), Clock.systemUTC());
        var verifier = new TokenVerifier(keys, TestIssuer.ISSUER, TestIssuer.AUDIENCE, Clock.systemUTC());
        assertThat(verifier.verify(issuer.token("u-2")), is(Optional.of("u-2")));
    }

    @Test
    void anUnreachableIssuerIsUnavailableNotUnauthorized() {
        var keys = JwksSource.fromJwksUrl(URI.create("http://127.0.0.1:1/.well-known/jwks.json"), Duration.ofHours(1),
                                          Duration.ofSeconds(10), Clock.systemUTC());
        var verifier = new TokenVerifier(keys, TestIssuer.ISSUER, TestIssuer.AUDIENCE, Clock.systemUTC());
        String token = issuer.token("u-1");
        assertThrows(JwksSource.KeysUnavailableException.class, () -> verifier.verify(token));
        // Within the refetch interval too: still unavailable, not a 401.
        assertThrows(JwksSource.KeysUnavailableException.class, () -> verifier.verify(token));
    }
}
