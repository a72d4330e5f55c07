package io.wechat.user.web;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.wechat.kit.testing.OffsetClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The password and registration routes refuse calls that did not come through CloudFront (the public execute-api
 * hostname stays reachable, without WAF), and a rotation of CloudFront's origin secret locks nobody out.
 */
@ServerTest
class OriginVerificationTest {
    private static final AtomicReference<String> SECRET = new AtomicReference<>("first-secret-value-0123456789");
    private static final AtomicInteger READS = new AtomicInteger();
    private static final OffsetClock CLOCK = new OffsetClock();
    private static final OriginVerification CLOUDFRONT = OriginVerification.stored(() -> {
        READS.incrementAndGet();
        return SECRET.get();
    }, Duration.ofMinutes(1), CLOCK);
    private static final String STEADY_SECRET = "steady-secret-value-0123456789";
    private static final AtomicInteger UNREADABLE_READS = new AtomicInteger();
    /** A secret store that answers once, at the start, and fails ever after. */
    private static final OriginVerification UNREADABLE = OriginVerification.stored(() -> {
        if (UNREADABLE_READS.getAndIncrement() > 0) {
            throw new IllegalStateException("Secrets Manager unreachable");
        }
        return STEADY_SECRET;
    }, Duration.ZERO, CLOCK);

    private final Http1Client client;

    OriginVerificationTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.featuresDiscoverServices(false).directHandlers(ErrorHandling.directHandlers());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.register("/auth", CLOUDFRONT.guarding("/register", "/login", "/refresh"),
                         rules -> rules.post("/register", (req, res) -> res.send("registered"))
                                 .post("/login", (req, res) -> res.send("logged in"))
                                 .post("/refresh", (req, res) -> res.send("refreshed"))
                                 .post("/logout", (req, res) -> res.send("logged out")))
                .register("/unreadable", UNREADABLE.guarding("/login"),
                          rules -> rules.post("/login", (req, res) -> res.send("logged in")))
                .get("/.well-known/jwks.json", (req, res) -> res.send("{}"));
        ErrorHandling.register(routing);
    }

    @BeforeEach
    void firstSecret() {
        SECRET.set("first-secret-value-0123456789");
    }

    @Test
    void directCallsToThePasswordRoutesAre403() {
        for (String route : new String[] {"/auth/register", "/auth/login", "/auth/refresh"}) {
            try (Http1ClientResponse res = client.post(route).request()) {
                assertThat(route, res.status(), is(Status.FORBIDDEN_403));
                assertThat(res.as(String.class), containsString("origin_not_verified"));
            }
            try (Http1ClientResponse res = post(route, "a-guess")) {
                assertThat(route, res.status(), is(Status.FORBIDDEN_403));
            }
            try (Http1ClientResponse res = post(route, SECRET.get())) {
                assertThat(route, res.status(), is(Status.OK_200));
            }
        }
        try (Http1ClientResponse res = client.post("/auth/logout").request()) {
            assertThat(res.status(), is(Status.OK_200));
        }
        try (Http1ClientResponse res = client.get("/.well-known/jwks.json").request()) {
            assertThat("API Gateway's JWT authorizer fetches the keys directly", res.status(), is(Status.OK_200));
        }
    }

    @Test
    void aRotatedSecretIsReadAgainAndThePreviousOneStaysAccepted() {
        String previous = SECRET.get();
        try (Http1ClientResponse res = post("/auth/login", previous)) {
            assertThat(res.status(), is(Status.OK_200));
        }
        SECRET.set("second-secret-value-9876543210");
        CLOCK.advance(Duration.ofMinutes(2));
        try (Http1ClientResponse res = post("/auth/login", SECRET.get())) {
            assertThat("CloudFront already sends the new value", res.status(), is(Status.OK_200));
        }
        try (Http1ClientResponse res = post("/auth/login", previous)) {
            assertThat("an edge location not yet updated still sends the old one", res.status(), is(Status.OK_200));
        }
        int reads = READS.get();
        for (int i = 0; i < 5; i++) {
            try (Http1ClientResponse res = post("/auth/login", "a-guess-" + i)) {
                assertThat(res.status(), is(Status.FORBIDDEN_403));
            }
        }
        assertThat("wrong values do not make it read the secret on every request", READS.get(), is(reads));
    }

    @Test
    void aSecretStoreThatCannotBeReadAgainKeepsTheKnownValue() {
        try (Http1ClientResponse res = post("/unreadable/login", "a-guess")) {
            assertThat("a failed re-read is no 500", res.status(), is(Status.FORBIDDEN_403));
        }
        try (Http1ClientResponse res = post("/unreadable/login", STEADY_SECRET)) {
            assertThat(res.status(), is(Status.OK_200));
        }
        assertThat("the wrong value made it try the store again", UNREADABLE_READS.get() > 1, is(true));
    }

    @Test
    void withoutASecretNothingIsRequired() {
        assertThat(OriginVerification.none().required(), is(false));
        assertThat(OriginVerification.fixed(Optional.empty()).required(), is(false));
        assertThat(OriginVerification.fixed(Optional.of("  ")).required(), is(false));
        assertThat(OriginVerification.fixed(Optional.of("configured")).required(), is(true));
        assertThat(CLOUDFRONT.required(), is(true));
    }

    private Http1ClientResponse post(String route, String secret) {
        Http1ClientRequest request = client.post(route).header(OriginVerification.HEADER, secret);
        return request.request();
    }
}
