package io.wechat.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API through a real edge: routing, the JWT authorizer, CORS, throttling and limits. */
class HttpApiIT {
    private static final String ORIGIN = "http://localhost:3000";
    private static Upstream upstream;
    private static Edge edge;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream();
        edge = TestEdge.start(upstream, TestEdge.outputs(), Map.of());
    }

    @AfterAll
    static void stop() {
        edge.close();
        upstream.close();
    }

    @BeforeEach
    void drain() {
        upstream.requests.clear();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path));
    }

    // Absence checks read the upstream's queue without waiting: the edge answers only after the upstream did, and the
    // upstream records a request before it answers, so a request the edge passed on is there by the time it answers.

    @Test
    void proxiesAPublicRouteWithForwardingHeaders() throws Exception {
        HttpResponse<String> response = send(request("/auth/login?x=1").POST(HttpRequest.BodyPublishers.ofString("{\"u\":1}"))
                                                      .header("Content-Type", "application/json"));
        assertEquals(200, response.statusCode());
        assertEquals("yes", response.headers().firstValue("X-Upstream").orElse(null));
        String requestId = response.headers().firstValue("apigw-requestid").orElseThrow();
        Upstream.Received received = upstream.nextRequest();
        assertEquals("POST", received.method());
        assertEquals("/auth/login", received.path());
        assertEquals("x=1", received.query());
        assertEquals("{\"u\":1}", received.body());
        assertEquals("127.0.0.1", received.header("X-Forwarded-For"));
        assertEquals(requestId, received.header("X-Request-Id"));
        JsonNode context = Json.parse(received.header("x-amzn-request-context"));
        assertEquals("POST /auth/login", context.path("routeKey").asText());
        assertFalse(context.has("authorizer"));
    }

    @Test
    void theRequestContextNamesTheSocketsAddressWhateverTheClientSends() throws Exception {
        send(request("/auth/login").POST(HttpRequest.BodyPublishers.ofString("{}"))
                     .header("X-Forwarded-For", "203.0.113.66")
                     .header("x-amzn-request-context", "{\"http\":{\"sourceIp\":\"203.0.113.66\"}}"));
        Upstream.Received received = upstream.nextRequest();
        assertEquals("127.0.0.1", Json.parse(received.header("x-amzn-request-context")).path("http").path("sourceIp").asText());
    }

    @Test
    void vouchesWithItsSecretAndNeverPassesAClientsOn() throws Exception {
        send(request("/auth/login").POST(HttpRequest.BodyPublishers.ofString("{}")).header("X-Edge-Secret", "forged"));
        assertNull(upstream.nextRequest().header("X-Edge-Secret"));
        try (Edge vouching = TestEdge.start(upstream, TestEdge.outputs(), Map.of("EDGE_SECRET", "secret-of-this-start"))) {
            CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vouching.port() + "/auth/login"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("X-Edge-Secret", "forged").build(),
                        HttpResponse.BodyHandlers.ofString());
            assertEquals("secret-of-this-start", upstream.nextRequest().header("X-Edge-Secret"));
        }
    }

    @Test
    void refusesAJwtRouteWithoutTokenBeforeTheServiceSeesIt() throws Exception {
        HttpResponse<String> response = send(request("/users/me"));
        assertEquals(401, response.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", response.body());
        assertNull(upstream.requests.poll(), "the service must not see an unauthorized request");
    }

    @Test
    void refusesTamperedExpiredAndForeignTokens() throws Exception {
        String good = upstream.token("u1");
        String[] parts = good.split("\\.");
        String tamperedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"u1\"", "\"u2\"").getBytes());
        String tampered = parts[0] + "." + tamperedPayload + "." + parts[2];
        Date future = new Date(System.currentTimeMillis() + 600_000);
        String expired = upstream.token("u1", Upstream.ISSUER, Upstream.AUDIENCE, new Date(System.currentTimeMillis() - 120_000));
        String wrongAudience = upstream.token("u1", Upstream.ISSUER, "someone-else", future);
        String wrongIssuer = upstream.token("u1", "http://evil.test", Upstream.AUDIENCE, future);
        for (String token : new String[] {tampered, expired, wrongAudience, wrongIssuer, "not.a.jwt"}) {
            HttpResponse<String> response = send(request("/users/u1").header("Authorization", "Bearer " + token));
            assertEquals(401, response.statusCode(), token);
            assertEquals("{\"message\":\"Unauthorized\"}", response.body());
        }
        assertNull(upstream.requests.poll());
    }

    @Test
    void passesAValidTokenWithItsClaims() throws Exception {
        HttpResponse<String> response = send(request("/users/u7").header("Authorization", "Bearer " + upstream.token("u7")));
        assertEquals(200, response.statusCode());
        Upstream.Received received = upstream.nextRequest();
        assertNotNull(received.header("Authorization"), "the token goes on to the service, which verifies it too");
        JsonNode context = Json.parse(received.header("x-amzn-request-context"));
        assertEquals("GET /users/{userId}", context.path("routeKey").asText());
        assertEquals("u7", context.path("authorizer").path("jwt").path("claims").path("sub").asText());
    }

    @Test
    void refusesAnAdminRouteToATokenWithoutTheAdminScopeBeforeTheServiceSeesIt() throws Exception {
        for (String token : new String[] {upstream.tokenWithScope("u1", "user"), upstream.token("u1"),
                                          upstream.tokenWithScope("u1", "user administrator")}) {
            HttpResponse<String> response = send(request("/admin/stats").header("Authorization", "Bearer " + token)
                                                          .header("Origin", ORIGIN));
            assertEquals(403, response.statusCode(), token);
            assertEquals("{\"message\":\"Forbidden\"}", response.body());
            assertEquals(ORIGIN, response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        }
        assertNull(upstream.requests.poll(), "the service must not see a forbidden request");
        assertEquals(401, send(request("/admin/stats")).statusCode(), "no token is still 401");
    }

    @Test
    void passesAnAdminRouteToATokenWithTheAdminScope() throws Exception {
        HttpResponse<String> response = send(request("/admin/stats")
                .header("Authorization", "Bearer " + upstream.tokenWithScope("a1", "user admin")));
        assertEquals(200, response.statusCode());
        Upstream.Received received = upstream.nextRequest();
        assertEquals("/admin/stats", received.path());
        JsonNode claims = Json.parse(received.header("x-amzn-request-context")).path("authorizer").path("jwt").path("claims");
        assertEquals("user admin", claims.path("scope").asText());
    }

    @Test
    void selectsTheMostSpecificRoute() throws Exception {
        send(request("/files/readme"));
        assertEquals("GET /files/readme", Json.parse(upstream.nextRequest().header("x-amzn-request-context")).path("routeKey").asText());
        send(request("/files/a/b/c").method("DELETE", HttpRequest.BodyPublishers.noBody()));
        Upstream.Received greedy = upstream.nextRequest();
        assertEquals("/files/a/b/c", greedy.path());
        assertEquals("ANY /files/{proxy+}", Json.parse(greedy.header("x-amzn-request-context")).path("routeKey").asText());
    }

    @Test
    void answersNotFoundForNoRoute() throws Exception {
        HttpResponse<String> response = send(request("/nowhere"));
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
        assertEquals(404, send(request("/users/me").method("PUT", HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void passesTheServiceStatus() throws Exception {
        assertEquals(201, send(request("/uploads/created").POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void passesAServicesThrottlingWithItsRetryAfter() throws Exception {
        HttpResponse<String> throttled = send(request("/files/throttled"));
        assertEquals(429, throttled.statusCode());
        assertEquals(Upstream.RETRY_AFTER, throttled.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void answersPreflightItselfForAllowedOriginsOnly() throws Exception {
        HttpResponse<String> allowed = send(request("/users/me").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                                    .header("Origin", ORIGIN)
                                                    .header("Access-Control-Request-Method", "GET")
                                                    .header("Access-Control-Request-Headers", "authorization"));
        assertEquals(204, allowed.statusCode());
        assertEquals(ORIGIN, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", allowed.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
        assertTrue(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"));
        assertTrue(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("authorization"));

        HttpResponse<String> foreign = send(request("/users/me").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                                    .header("Origin", "http://evil.test")
                                                    .header("Access-Control-Request-Method", "GET"));
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertNull(upstream.requests.poll(), "preflight never reaches a service");
    }

    @Test
    void replacesTheServiceCorsHeadersWithTheExactOrigin() throws Exception {
        HttpResponse<String> response = send(request("/auth/login").POST(HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN));
        assertEquals(ORIGIN, response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", response.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
        HttpResponse<String> unauthorized = send(request("/users/me").header("Origin", ORIGIN));
        assertEquals(ORIGIN, unauthorized.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                     "a browser must be able to read the gateway's own 401");
        HttpResponse<String> foreign = send(request("/auth/login").POST(HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.test"));
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "the service's '*' is not passed on");
    }

    @Test
    void refusesBodiesOverTenMegabytes() throws Exception {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        HttpResponse<String> response = send(request("/auth/login").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertEquals(413, response.statusCode());
        assertNull(upstream.requests.poll());
    }

    @Test
    void throttlesBeyondTheBurst() throws Exception {
        try (Edge throttled = TestEdge.start(upstream, TestEdge.outputs(),
                                             Map.of("THROTTLE_RATE_LIMIT", "1", "THROTTLE_BURST_LIMIT", "2"))) {
            URI uri = URI.create("http://127.0.0.1:" + throttled.port() + "/auth/login");
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++) {
                statuses[i] = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())).statusCode();
            }
            assertEquals(200, statuses[0]);
            assertEquals(200, statuses[1]);
            assertEquals(429, statuses[2]);
            HttpResponse<String> limited = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(429, limited.statusCode());
            assertEquals("{\"message\":\"Too Many Requests\"}", limited.body());
            assertEquals("1", limited.headers().firstValue("Retry-After").orElse(null), "one token a second");
            Thread.sleep(1100);
            assertEquals(200, send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        }
    }
}
