package io.wechat.kit.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.wechat.kit.testing.OffsetClock;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RevokedSessionsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int CONCURRENT_FIRST_REQUESTS = 8;
    private static final AtomicInteger fetches = new AtomicInteger();
    private static final AtomicBoolean down = new AtomicBoolean();
    private static TestIssuer issuer;

    private final OffsetClock clock = new OffsetClock();

    @BeforeAll
    static void start() {
        // The list as user-service serves it, counted, slowed (to widen races) and switchable off.
        issuer = new TestIssuer(routing -> routing.get("/counted/revoked-sessions", (req, res) -> {
            fetches.incrementAndGet();
            Thread.sleep(100);
            if (down.get()) {
                res.status(Status.SERVICE_UNAVAILABLE_503).send();
                return;
            }
            res.header(HeaderValues.CONTENT_TYPE_JSON).send(issuer.revokedSessionsJson());
        }));
    }

    @BeforeEach
    void reset() {
        fetches.set(0);
        down.set(false);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void aRevokedSessionIsRefusedOnceTheListIsFetchedAgain() {
        Authenticator auth = authenticator(clock);
        String session = "s-" + TestIssuer.newUser();
        String token = issuer.token("u-1", session, "user");
        assertThat(auth.caller(token).map(Caller::sessionId), is(Optional.of(session)));

        issuer.revoke(session);
        assertThat("the cached list answers until the interval has passed", auth.caller(token).isPresent(), is(true));
        clock.advance(INTERVAL);
        assertThat(auth.caller(token).isPresent(), is(false));
        assertThat("other sessions are untouched",
                   auth.caller(issuer.token("u-1", "s-other", "user")).isPresent(), is(true));
        assertThat(fetches.get(), is(2));
    }

    @Test
    void theListIsFetchedAtMostOncePerInterval() {
        Authenticator auth = authenticator(clock);
        String token = issuer.token("u-2", "s-" + TestIssuer.newUser(), "user");
        for (int i = 0; i < 20; i++) {
            auth.caller(token);
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(fetches.get(), is(1));
        clock.advance(INTERVAL);
        auth.caller(token);
        assertThat(fetches.get(), is(2));
    }

    @Test
    void concurrentFirstRequestsAllWaitForTheOneFetch() throws Exception {
        Authenticator auth = authenticator(Clock.systemUTC());
        String session = "s-" + TestIssuer.newUser();
        issuer.revoke(session);
        String token = issuer.token("u-3", session, "user");
        var start = new CyclicBarrier(CONCURRENT_FIRST_REQUESTS);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_FIRST_REQUESTS);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_FIRST_REQUESTS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return auth.caller(token).isPresent();
                }));
            }
            List<Boolean> accepted = new ArrayList<>();
            for (var answer : answers) {
                accepted.add(answer.get());
            }
            assertThat("no request slipped through before the list arrived", accepted, everyItem(is(false)));
            assertThat(fetches.get(), is(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutAnyListTheCallerIsToldToRetryAndAKnownListOutlivesAnOutage() {
        down.set(true);
        Authenticator auth = authenticator(clock);
        String session = "s-" + TestIssuer.newUser();
        String token = issuer.token("u-4", session, "user");
        ApiException unavailable = assertThrows(ApiException.class, () -> auth.caller(token));
        assertThat(unavailable.status(), is(Status.SERVICE_UNAVAILABLE_503));

        down.set(false);
        clock.advance(Duration.ofSeconds(1));
        assertThat(auth.caller(token).isPresent(), is(true));
        issuer.revoke(session);
        down.set(true);
        clock.advance(INTERVAL);
        assertThat("the last list still answers", auth.caller(token).isPresent(), is(true));
        down.set(false);
        clock.advance(INTERVAL);
        assertThat(auth.caller(token).isPresent(), is(false));
    }

    @Test
    void theListIsFoundBesideTheJwks() {
        String session = "s-" + TestIssuer.newUser();
        issuer.revoke(session);
        var revoked = RevokedSessions.besideJwks(URI.create(issuer.jwksUrl()), INTERVAL, clock);
        assertThat(revoked.isRevoked(session), is(true));
        assertThat(revoked.isRevoked("s-unknown"), is(false));
    }

    @Test
    void aTokenWithoutASessionIsNotLookedUp() {
        Authenticator auth = authenticator(clock);
        assertThat(auth.caller(issuer.token("u-5")).isPresent(), is(true));
        assertThat(fetches.get(), is(0));
    }

    @Test
    void theCallerCarriesTheTokensScopes() {
        Caller admin = authenticator(clock).caller(issuer.token("u-6", "s-6", "user admin")).orElseThrow();
        assertThat(admin.requireScope("admin").userId(), is("u-6"));

        Caller user = authenticator(clock).caller(issuer.token("u-7", "s-7", "user")).orElseThrow();
        assertThat(user.hasScope("user"), is(true));
        ApiException forbidden = assertThrows(ApiException.class, () -> user.requireScope("admin"));
        assertThat(forbidden.status(), is(Status.FORBIDDEN_403));
        assertThat(forbidden.code(), is("forbidden"));
    }

    private static Authenticator authenticator(Clock clock) {
        var keys = JwksSource.fromJwksUrl(URI.create(issuer.jwksUrl()), Duration.ofHours(1), Duration.ofSeconds(10),
                                          Clock.systemUTC());
        return new Authenticator(new TokenVerifier(keys, TestIssuer.ISSUER, TestIssuer.AUDIENCE, Clock.systemUTC()),
                                 RevokedSessions.fromUrl(URI.create(issuer.baseUrl() + "/counted/revoked-sessions"),
                                                         INTERVAL, clock));
    }
}
