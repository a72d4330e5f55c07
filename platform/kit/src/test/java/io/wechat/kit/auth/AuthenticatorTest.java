package io.wechat.kit.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.helidon.webserver.WebServer;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.ErrorHandling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** {@link Authenticator#requireScope}: the service's own check of a route's scope, behind the gateway's. */
class AuthenticatorTest {
    private static TestIssuer issuer;
    private static WebServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer();
        Clock clock = Clock.systemUTC();
        var keys = JwksSource.fromJwksUrl(URI.create(issuer.jwksUrl()), Duration.ofHours(1), Duration.ofSeconds(1), clock);
        var auth = new Authenticator(new TokenVerifier(keys, TestIssuer.ISSUER, TestIssuer.AUDIENCE, clock));
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> {
            ErrorHandling.register(r);
            r.get("/admin/thing", (req, res) -> res.send(auth.requireScope(req, "admin").userId()));
        }).build().start();
        api = new Api("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
        issuer.close();
    }

    @Test
    void aTokenWithTheScopeAmongOthersPasses() {
        assertThat(api.get("/admin/thing", issuer.tokenWithScope("u-1", "user admin")).status(), is(200));
    }

    @Test
    void aValidTokenWithoutTheScopeIsForbidden() {
        for (String token : new String[] {issuer.tokenWithScope("u-1", "user"), issuer.token("u-1"),
                                          issuer.tokenWithScope("u-1", "administrator"), issuer.tokenWithScope("u-1", "")}) {
            Api.Response response = api.get("/admin/thing", token);
            assertThat(response.status(), is(403));
            assertThat(response.errorCode(), is("forbidden"));
        }
    }

    @Test
    void noTokenOrABadOneIsStillUnauthorized() {
        assertThat(api.get("/admin/thing", null).status(), is(401));
        assertThat(api.get("/admin/thing", "not.a.jwt").status(), is(401));
    }
}
