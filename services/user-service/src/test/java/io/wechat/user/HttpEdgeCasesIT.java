package io.wechat.user;

import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.testing.Api;
import io.wechat.user.testing.TestService;
import io.wechat.user.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class HttpEdgeCasesIT {
    private final Api api = TestService.get().api();

    @Test
    void megabyteOfGarbageIsRefusedWithoutA500() {
        byte[] garbage = new byte[1024 * 1024 + 10];
        new Random(42).nextBytes(garbage);
        Api.Response res = api.bytes("POST", "/auth/register", garbage,
                                       "Content-Type", "application/json");
        assertThat(res.status(), is(413));
        assertThat(res.errorCode(), is("payload_too_large"));

        byte[] justUnder = new byte[512 * 1024];
        new Random(7).nextBytes(justUnder);
        Api.Response bad = api.bytes("POST", "/auth/login", justUnder,
                                       "Content-Type", "application/json");
        assertThat(bad.status(), is(400));
    }

    @Test
    void malformedBodiesAre400WithTheErrorShape() {
        for (String body : new String[] {"{", "null", "[]", "42", "{\"username\":", "\u0000\u0001"}) {
            Api.Response res = api.post("/auth/login", null, body);
            assertThat(body, res.status(), is(400));
            assertThat(res.body().path("error").path("message").isTextual(), is(true));
        }
        assertThat(api.post("/auth/login", null, "{\"username\":1,\"password\":true}").errorCode(), is("invalid_request"));
        assertThat(api.post("/auth/refresh", null, "{}").errorCode(), is("invalid_request"));
        String username = TestUser.uniqueUsername("extra");
        assertThat(api.post("/auth/register", null, "{\"username\":\"%s\",\"password\":\"password123\","
                .formatted(username) + "\"displayName\":\"x\",\"isAdmin\":true}").status(),
                   is(201));
        // The unknown field is ignored, not obeyed: the new account is no admin.
        String token = api.post("/auth/login", null, "{\"username\":\"%s\",\"password\":\"password123\"}".formatted(username))
                .body().path("accessToken").asText();
        Api.Response admin = api.get("/admin/users", token);
        assertThat(admin.toString(), admin.status(), is(403));
    }

    @Test
    void unknownRoutesAndMethodsAnswerJson() {
        Api.Response missing = api.get("/nothing/here", null);
        assertThat(missing.status(), is(404));
        assertThat(missing.errorCode(), is("not_found"));
        // No route takes PUT on /users/me: answered as any unknown route is, in the error format.
        Api.Response wrongMethod = api.call("PUT", "/users/me", null, "{}");
        assertThat(wrongMethod.status(), is(404));
        assertThat(wrongMethod.errorCode(), is("not_found"));
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigin() {
        TestUser user = TestUser.register(api, "cors");
        Api.Response allowed = api.call("GET", "/users/me", user.accessToken(), null, "Origin", TestService.ALLOWED_ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Origin"), is(TestService.ALLOWED_ORIGIN));
        Api.Response other = api.call("GET", "/users/me", user.accessToken(), null, "Origin", "https://evil.example");
        assertThat(other.header("Access-Control-Allow-Origin"), is((String) null));
        assertThat(other.status(), is(200));

        Api.Response preflight = api.call("OPTIONS", "/users/me", null, null, "Origin", TestService.ALLOWED_ORIGIN,
                                          "Access-Control-Request-Method", "PATCH");
        assertThat(preflight.status(), is(204));
        assertThat(preflight.header("Access-Control-Allow-Headers").contains("Authorization"), is(true));
        assertThat(api.call("OPTIONS", "/users/me", null, null, "Origin", "https://evil.example",
                            "Access-Control-Request-Method", "PATCH").status(), is(403));
    }

    @Test
    void healthShowsEachDependencyAndMetricsAreServed() {
        Api.Response health = api.get("/observe/health", null);
        assertThat(health.status(), is(200));
        JsonNode checks = health.body().path("checks");
        assertThat(checks.size(), is(2));
        checks.forEach(check -> assertThat(check.path("name").asText(), check.path("status").asText(), is("UP")));

        Api.Response metrics = api.call("GET", "/observe/metrics", null, null, "Accept", "text/plain");
        assertThat(metrics.status(), is(200));
    }
}
