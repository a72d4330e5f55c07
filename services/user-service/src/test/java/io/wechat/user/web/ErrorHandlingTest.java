package io.wechat.user.web;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.lettuce.core.RedisException;
import io.wechat.kit.web.ApiException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

@ServerTest
class ErrorHandlingTest {
    private static final int MAX_PAYLOAD = 4096;

    private final Http1Client client;

    ErrorHandlingTest(Http1Client client) {
        this.client = client;
    }

    /**
     * As in Main. The test extension still adds Helidon's discovered CORS feature (allow-origin *), so the
     * refusal of unlisted origins is checked against the real wiring in HttpEdgeCasesIT.
     */
    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.featuresDiscoverServices(false)
                .maxPayloadSize(MAX_PAYLOAD)
                .directHandlers(ErrorHandling.directHandlers());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.addFilter(new Cors(Set.of("http://localhost:3000")))
                .get("/conflict", (req, res) -> {
                    throw ApiException.conflict("username_taken", "taken");
                })
                .get("/throttled", (req, res) -> {
                    throw ApiException.tooManyRequests("too_many_requests", "too many attempts, retry later", Duration.ofSeconds(42));
                })
                .get("/soon", (req, res) -> {
                    throw ApiException.tooManyRequests("too_many_requests", "retry soon", Duration.ofMillis(300));
                })
                .get("/expired", (req, res) -> {
                    throw ApiException.unauthorized("expired_token", "the access token has expired");
                })
                .get("/forbidden", (req, res) -> {
                    throw ApiException.forbidden("not_a_member", "not a member");
                })
                .get("/redis", (req, res) -> {
                    throw new RedisException("Connection refused: 127.0.0.1:6379");
                })
                .get("/database", (req, res) -> {
                    throw new ConnectionException(new SQLException("Connection refused"));
                })
                .get("/bug", (req, res) -> {
                    throw new IllegalStateException("boom");
                })
                .post("/echo", (req, res) -> Json.ok(res, Json.read(req, Echo.class)));
        ErrorHandling.register(routing);
    }

    @Test
    void apiExceptionBecomesErrorBody() throws Exception {
        assertError(client.get("/conflict").request(), Status.CONFLICT_409, "username_taken");
    }

    @Test
    void throttlingCarriesRetryAfter() throws Exception {
        try (Http1ClientResponse res = client.get("/throttled").request()) {
            assertThat(res.status(), is(Status.TOO_MANY_REQUESTS_429));
            assertThat(res.headers().get(HeaderNames.RETRY_AFTER).get(), is("42"));
        }
    }

    @Test
    void aRetryAfterIsAtLeastOneSecond() throws Exception {
        try (Http1ClientResponse res = client.get("/soon").request()) {
            assertThat(res.status(), is(Status.TOO_MANY_REQUESTS_429));
            assertThat(res.headers().get(HeaderNames.RETRY_AFTER).get(), is("1"));
        }
        try (Http1ClientResponse res = client.get("/conflict").request()) {
            assertThat(res.headers().contains(HeaderNames.RETRY_AFTER), is(false));
        }
    }

    @Test
    void aRefusedTokenIsNamedInWwwAuthenticate() throws Exception {
        try (Http1ClientResponse res = client.get("/expired").request()) {
            assertThat(res.status(), is(Status.UNAUTHORIZED_401));
            assertThat(res.headers().get(HeaderNames.WWW_AUTHENTICATE).get(), is("Bearer error=\"invalid_token\""));
        }
        try (Http1ClientResponse res = client.get("/forbidden").request()) {
            assertThat(res.headers().contains(HeaderNames.WWW_AUTHENTICATE), is(false));
        }
    }

    @Test
    void anUnreachableStoreIsA503ToRetry() throws Exception {
        for (String store : new String[] {"redis", "database"}) {
            try (Http1ClientResponse res = client.get("/" + store).request()) {
                assertThat(res.headers().get(HeaderNames.RETRY_AFTER).get(), is("5"));
                JsonNode body = assertError(res, Status.SERVICE_UNAVAILABLE_503, "service_unavailable");
                assertThat(body.path("error").path("message").asText(), is(store + " is temporarily unavailable"));
            }
        }
    }

    @Test
    void eachRoutingFailureHasItsCode() {
        assertThat(ErrorHandling.codeFor(Status.BAD_REQUEST_400), is("bad_request"));
        assertThat(ErrorHandling.codeFor(Status.NOT_FOUND_404), is("not_found"));
        assertThat(ErrorHandling.codeFor(Status.METHOD_NOT_ALLOWED_405), is("method_not_allowed"));
        assertThat(ErrorHandling.codeFor(Status.REQUEST_ENTITY_TOO_LARGE_413), is("payload_too_large"));
        assertThat(ErrorHandling.codeFor(Status.UNSUPPORTED_MEDIA_TYPE_415), is("unsupported_media_type"));
        assertThat(ErrorHandling.codeFor(Status.CONFLICT_409), is("request_failed"));
        assertThat(ErrorHandling.codeFor(Status.create(499)), is("request_failed"));
        assertThat(ErrorHandling.codeFor(Status.INTERNAL_SERVER_ERROR_500), is("internal_error"));
        assertThat(ErrorHandling.codeFor(Status.BAD_GATEWAY_502), is("internal_error"));
    }

    @Test
    void helidonsOwnFailuresKeepTheirStatus() {
        ApiException notFound = ErrorHandling.fromHttp(new HttpException("no route", Status.NOT_FOUND_404));
        assertThat(notFound.status(), is(Status.NOT_FOUND_404));
        assertThat(notFound.code(), is("not_found"));
        assertThat(notFound.getMessage(), is("no such resource"));
        ApiException notAllowed = ErrorHandling.fromHttp(new HttpException("no", Status.METHOD_NOT_ALLOWED_405));
        assertThat(notAllowed.code(), is("method_not_allowed"));
        assertThat(notAllowed.getMessage(), is(Status.METHOD_NOT_ALLOWED_405.reasonPhrase()));
    }

    @Test
    void unexpectedFailureIsAnOpaque500() throws Exception {
        JsonNode body = assertError(client.get("/bug").request(), Status.INTERNAL_SERVER_ERROR_500, "internal_error");
        assertThat(body.path("error").path("message").asText().contains("boom"), is(false));
    }

    @Test
    void unknownRouteIsAJson404() throws Exception {
        assertError(client.get("/nowhere").request(), Status.NOT_FOUND_404, "not_found");
    }

    @Test
    void malformedJsonWrongTypesAndMissingFieldsAre400() throws Exception {
        assertError(postJson("{\"name\":"), Status.BAD_REQUEST_400, "malformed_json");
        assertError(postJson("[1,2]"), Status.BAD_REQUEST_400, "malformed_json");
        assertError(postJson("{\"name\":42}"), Status.BAD_REQUEST_400, "invalid_request");
        assertError(postJson("{\"name\":{\"a\":1}}"), Status.BAD_REQUEST_400, "invalid_request");
        assertError(postJson("{}"), Status.BAD_REQUEST_400, "name_required");
        assertError(client.post("/echo").request(), Status.BAD_REQUEST_400, "malformed_json");
    }

    @Test
    void aBodyNotDeclaredAsJsonIs415() throws Exception {
        assertError(client.post("/echo").header(HeaderNames.CONTENT_TYPE, "text/plain").submit("{\"name\":\"x\"}"),
                Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type");
    }

    @Test
    void aJsonSuffixDeclaresJsonTooAndOtherTypesAre415() throws Exception {
        try (Http1ClientResponse res = client.post("/echo").header(HeaderNames.CONTENT_TYPE, "application/merge-patch+json")
                .submit("{\"name\":\"x\"}")) {
            assertThat(res.status(), is(Status.OK_200));
        }
        for (String type : new String[] {"application/xml", "text/json", "application/jsonx"}) {
            assertError(client.post("/echo").header(HeaderNames.CONTENT_TYPE, type).submit("{\"name\":\"x\"}"),
                        Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type");
        }
    }

    @Test
    void oversizedBodyIsAJson413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(MAX_PAYLOAD * 2) + "\"}";
        assertError(postJson(big), Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large");
    }

    @Test
    void unknownFieldsAreIgnored() {
        try (Http1ClientResponse res = postJson("{\"name\":\"x\",\"extra\":true}")) {
            assertThat(res.status(), is(Status.OK_200));
        }
    }

    @Test
    void corsAnswersListedOriginsAndPreflights() {
        try (Http1ClientResponse res = client.post("/echo").header(HeaderNames.ORIGIN, "http://localhost:3000")
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit("{\"name\":\"x\"}")) {
            assertThat(res.headers().get(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN).get(), is("http://localhost:3000"));
        }
        try (Http1ClientResponse res = client.method(Method.OPTIONS).path("/echo")
                .header(HeaderNames.ORIGIN, "http://localhost:3000")
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .request()) {
            assertThat(res.status(), is(Status.NO_CONTENT_204));
            assertThat(res.headers().get(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS).get(), startsWith("GET"));
            assertThat(res.headers().get(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS).get(), containsString("Authorization"));
            assertThat(res.headers().get(HeaderNames.ACCESS_CONTROL_MAX_AGE).get(), is("600"));
            assertThat(res.headers().get(HeaderNames.VARY).get(), is("Origin"));
        }
    }

    @Test
    void corsRefusesThePreflightOfAnUnlistedOrigin() {
        try (Http1ClientResponse res = client.method(Method.OPTIONS).path("/echo")
                .header(HeaderNames.ORIGIN, "https://evil.example")
                .header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .request()) {
            // Only the status: the test extension's own CORS feature adds its headers (see the class comment).
            assertThat(res.status(), is(Status.FORBIDDEN_403));
        }
    }

    @Test
    void aRequestWithoutAnOriginIsNoCorsRequest() {
        try (Http1ClientResponse res = postJson("{\"name\":\"x\"}")) {
            assertThat(res.status(), is(Status.OK_200));
            assertThat(res.headers().contains(HeaderNames.VARY), is(false));
        }
    }

    private Http1ClientResponse postJson(String body) {
        return client.post("/echo").header(HeaderNames.CONTENT_TYPE, "application/json").submit(body);
    }

    private static JsonNode assertError(Http1ClientResponse response, Status status, String code) throws Exception {
        try (response) {
            assertThat(response.status(), is(status));
            assertThat(response.headers().contentType().orElseThrow().text(), startsWith("application/json"));
            JsonNode body = Json.MAPPER.readTree(response.as(String.class));
            assertThat(body.path("error").path("code").asText(), is(code));
            assertThat(body.path("error").path("message").isTextual(), is(true));
            return body;
        }
    }

    record Echo(String name) {
        Echo {
            if (name == null) {
                throw ApiException.badRequest("name_required", "name is required");
            }
        }
    }
}
