package io.wechat.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebSocket API and @connections through a real edge, with a real WebSocket client and the AWS SDK. */
class WebSocketApiIT {
    private static Upstream upstream;
    private static Edge edge;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream();
        edge = TestEdge.start(upstream, TestEdge.outputs(), Map.of("SERVER_PORT", TestEdge.freePort()));
    }

    @AfterAll
    static void stop() {
        edge.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.eventAnswer = event -> new Upstream.Answer(200, "");
    }

    /** The next event of the user's connections, skipping those of earlier tests. */
    private static JsonNode eventOf(String user) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode event = upstream.events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && user.equals(event.path("requestContext").path("authorizer").path("principalId").asText())) {
                return event;
            }
        }
        throw new AssertionError("no event of " + user + " within 5 s");
    }

    private static WsClient connect(String user) throws Exception {
        return WsClient.connect(edge.port(), "?token=" + upstream.token(user));
    }

    private static ApiGatewayManagementApiClient management(String endpoint) {
        return management(endpoint, AwsBasicCredentials.create("test", "test"));
    }

    private static ApiGatewayManagementApiClient management(String endpoint, AwsBasicCredentials credentials) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void refusesTheHandshakeWithoutAValidToken() {
        int before = upstream.eventCalls.get();
        for (String query : new String[] {"", "?token=garbage"}) {
            CompletionException e = assertThrows(CompletionException.class, () -> WsClient.connect(edge.port(), query));
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(401, handshake.getResponse().statusCode());
        }
        assertEquals(before, upstream.eventCalls.get(), "the integration must not see an unauthorized $connect");
    }

    @Test
    void deliversConnectMessagesByActionAndDisconnect() throws Exception {
        WsClient client = connect("alice");
        JsonNode connect = eventOf("alice");
        JsonNode context = connect.path("requestContext");
        assertEquals("$connect", context.path("routeKey").asText());
        assertEquals("CONNECT", context.path("eventType").asText());
        assertEquals("local", context.path("stage").asText());
        assertEquals("127.0.0.1", context.path("identity").path("sourceIp").asText());
        assertEquals("alice", context.path("authorizer").path("sub").asText());
        assertTrue(context.path("connectedAt").asLong() > 0);
        assertFalse(connect.path("queryStringParameters").path("token").asText().isEmpty());
        String connectionId = context.path("connectionId").asText();

        client.send("{\"action\":\"sendMessage\",\"conversationId\":\"c1\",\"text\":\"hi\"}");
        JsonNode message = eventOf("alice");
        assertEquals("sendMessage", message.path("requestContext").path("routeKey").asText());
        assertEquals("MESSAGE", message.path("requestContext").path("eventType").asText());
        assertEquals(connectionId, message.path("requestContext").path("connectionId").asText());
        assertEquals("hi", Json.parse(message.path("body").asText()).path("text").asText());
        assertFalse(message.path("isBase64Encoded").asBoolean());

        client.send("{\"action\":\"noSuchRoute\"}");
        assertEquals("$default", eventOf("alice").path("requestContext").path("routeKey").asText());
        client.send("not json");
        assertEquals("$default", eventOf("alice").path("requestContext").path("routeKey").asText());

        client.socket.sendClose(1000, "bye").join();
        JsonNode disconnect = eventOf("alice");
        assertEquals("$disconnect", disconnect.path("requestContext").path("routeKey").asText());
        assertEquals("DISCONNECT", disconnect.path("requestContext").path("eventType").asText());
        assertEquals(1000, disconnect.path("requestContext").path("disconnectStatusCode").asInt());
        assertEquals(connectionId, disconnect.path("requestContext").path("connectionId").asText());
    }

    @Test
    void admitsBrowserPagesOfTheAllowedOriginsAndOfTheEdgeItself() throws Exception {
        String token = upstream.token("erin");
        WsClient fromDevServer = WsClient.connect(edge.port(), "?token=" + token, "http://localhost:3000");
        eventOf("erin");
        fromDevServer.socket.sendClose(1000, "bye").join();
        eventOf("erin");
        // The web app the edge serves is the same origin as the WebSocket: it needs no CORS entry.
        WsClient fromServedApp = WsClient.connect(edge.port(), "?token=" + token, "http://127.0.0.1:" + edge.port());
        eventOf("erin");
        fromServedApp.socket.sendClose(1000, "bye").join();
        eventOf("erin");

        CompletionException e = assertThrows(CompletionException.class,
                                             () -> WsClient.connect(edge.port(), "?token=" + token, "http://evil.test"));
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode());
    }

    @Test
    void refusesTheConnectionWhenTheIntegrationRefusesConnect() {
        upstream.eventAnswer = event -> new Upstream.Answer(403, "{\"message\":\"Forbidden\"}");
        CompletionException e = assertThrows(CompletionException.class, () -> connect("mallory"));
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode());
    }

    @Test
    void disconnectsAClientThatVanishesWithoutACloseFrame() throws Exception {
        WsClient client = connect("bob");
        eventOf("bob");
        client.socket.abort();
        JsonNode disconnect = eventOf("bob");
        assertEquals("$disconnect", disconnect.path("requestContext").path("routeKey").asText());
        assertEquals(1006, disconnect.path("requestContext").path("disconnectStatusCode").asInt());
    }

    @Test
    void keepsAConnectionWhoseTokenExpiresLikeApiGateway() throws Exception {
        String token = upstream.token("carol", Upstream.ISSUER, Upstream.AUDIENCE, new Date(System.currentTimeMillis() + 1500));
        WsClient client = WsClient.connect(edge.port(), "?token=" + token);
        eventOf("carol");
        Thread.sleep(2000);
        client.send("{\"action\":\"sendMessage\"}");
        assertEquals("sendMessage", eventOf("carol").path("requestContext").path("routeKey").asText(),
                     "API Gateway authorizes a connection once, at $connect");
        client.socket.sendClose(1000, "").join();
    }

    @Test
    void closesWith1009OnAFrameOver32KbOrAMessageOver128Kb() throws Exception {
        try (RawWebSocket single = new RawWebSocket(edge.port(), "/ws?token=" + upstream.token("dave"))) {
            eventOf("dave");
            single.sendTextFrame("x".repeat(40 * 1024).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(1009, single.awaitCloseCode());
            assertEquals("$disconnect", eventOf("dave").path("requestContext").path("routeKey").asText());
        }

        WsClient fragmented = connect("erin");
        eventOf("erin");
        String part = "y".repeat(30 * 1024);
        for (int i = 0; i < 3; i++) {
            fragmented.socket.sendText(part, false).join();
        }
        fragmented.socket.sendText(part, true).join();
        JsonNode ok = eventOf("erin");
        assertEquals(120 * 1024, ok.path("body").asText().length(), "a 120 KB message in 30 KB frames passes");
        for (int i = 0; i < 4; i++) {
            fragmented.socket.sendText(part, false).join();
        }
        fragmented.socket.sendText(part, true);
        assertEquals(1009, fragmented.closeCode());
    }

    @Test
    void sendsTheRouteResponseOfATwoWayRouteAndErrorsOfFailedIntegrations() throws Exception {
        WsClient client = connect("frank");
        String connectionId = eventOf("frank").path("requestContext").path("connectionId").asText();
        upstream.eventAnswer = event -> "ping".equals(event.path("requestContext").path("routeKey").asText())
                ? new Upstream.Answer(200, "{\"type\":\"pong\"}") : new Upstream.Answer(500, "");
        client.send("{\"action\":\"ping\"}");
        assertEquals("{\"type\":\"pong\"}", client.nextMessage());
        client.send("{\"action\":\"sendMessage\"}");
        JsonNode error = Json.parse(client.nextMessage());
        assertEquals("Internal server error", error.path("message").asText());
        assertEquals(connectionId, error.path("connectionId").asText(), "API Gateway names the client's own connection");
        upstream.eventAnswer = event -> new Upstream.Answer(200, "");
        client.socket.sendClose(1000, "").join();
    }

    @Test
    void managesConnectionsThroughTheAwsSdk() throws Exception {
        WsClient client = connect("grace");
        String id = eventOf("grace").path("requestContext").path("connectionId").asText();
        try (ApiGatewayManagementApiClient api = management("http://127.0.0.1:" + edge.port());
             ApiGatewayManagementApiClient staged = management("http://127.0.0.1:" + edge.port() + "/local")) {
            api.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("{\"type\":\"message.new\"}")));
            assertEquals("{\"type\":\"message.new\"}", client.nextMessage());
            staged.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("é".repeat(50_000))));
            assertEquals("é".repeat(50_000), client.nextMessage(), "100 KB arrive whole, in frames under 32 KB");

            GetConnectionResponse described = api.getConnection(r -> r.connectionId(id));
            assertEquals("127.0.0.1", described.identity().sourceIp());
            assertNotNull(described.connectedAt());
            assertNotNull(described.lastActiveAt());

            api.deleteConnection(r -> r.connectionId(id));
            assertEquals("$disconnect", eventOf("grace").path("requestContext").path("routeKey").asText());
            client.closeCode();

            GoneException gone = assertThrows(GoneException.class,
                    () -> api.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("late"))));
            assertEquals(410, gone.statusCode());
            assertThrows(GoneException.class, () -> api.getConnection(r -> r.connectionId("unknown0000000=")));
            assertThrows(GoneException.class, () -> staged.deleteConnection(r -> r.connectionId(id)));
        }
    }

    @Test
    void theManagementApiTakesOnlyCallsSignedWithTheCloudsCredentials() throws Exception {
        WsClient client = connect("judy");
        String id = eventOf("judy").path("requestContext").path("connectionId").asText();
        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/@connections/" + id))
                        .POST(HttpRequest.BodyPublishers.ofString("unsigned")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
        assertEquals("MissingAuthenticationTokenException", unsigned.headers().firstValue("x-amzn-ErrorType").orElse(null));
        for (AwsBasicCredentials wrong : new AwsBasicCredentials[] {AwsBasicCredentials.create("test", "not-the-secret"),
                AwsBasicCredentials.create("someone-else", "test")}) {
            try (ApiGatewayManagementApiClient forged = management("http://127.0.0.1:" + edge.port(), wrong)) {
                ApiGatewayManagementApiException refused = assertThrows(ApiGatewayManagementApiException.class,
                        () -> forged.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("forged"))));
                assertEquals(403, refused.statusCode());
            }
        }
        try (ApiGatewayManagementApiClient api = management("http://127.0.0.1:" + edge.port())) {
            api.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("signed")));
        }
        assertEquals("signed", client.nextMessage(), "nothing unsigned reached the client");
        client.socket.sendClose(1000, "").join();
    }

    @Test
    void eventsCarryTheEdgesSecret() throws Exception {
        try (Edge vouching = TestEdge.start(upstream, TestEdge.outputs(), Map.of("EDGE_SECRET", "secret-of-this-start"))) {
            WsClient client = WsClient.connect(vouching.port(), "?token=" + upstream.token("kim"));
            eventOf("kim");
            assertEquals("secret-of-this-start", upstream.lastEventSecret);
            client.socket.sendClose(1000, "").join();
        }
    }

    @Test
    void aSocketThatOnlyReceivesIsClosedByTheApisIdleTimeoutNotTheServers() throws Exception {
        // The server's idle-connection closer, set to close after 1 s and look every 0.2 s, counts only what a client
        // sends; left alone it closed such sockets (after 5 min by default) without a close frame.
        try (Edge limited = TestEdge.start(upstream, TestEdge.outputs(), Map.of("WS_IDLE_TIMEOUT_SECONDS", "3"),
                                           Map.of("idle-connection-timeout", "PT1S", "idle-connection-period", "PT0.2S"))) {
            WsClient listener = WsClient.connect(limited.port(), "?token=" + upstream.token("judy"));
            eventOf("judy");
            assertEquals(1001, listener.closed.get(10, TimeUnit.SECONDS), "closed for idleness by the API's rule");
            assertEquals(1001, eventOf("judy").path("requestContext").path("disconnectStatusCode").asInt());
        }
    }

    @Test
    void closesIdleConnectionsAndConnectionsPastTheMaximumDuration() throws Exception {
        try (Edge limited = TestEdge.start(upstream, TestEdge.outputs(),
                                           Map.of("WS_IDLE_TIMEOUT_SECONDS", "1", "WS_MAX_CONNECTION_SECONDS", "3"))) {
            WsClient idle = WsClient.connect(limited.port(), "?token=" + upstream.token("heidi"));
            eventOf("heidi");
            assertEquals(1001, idle.closed.get(4, TimeUnit.SECONDS));
            assertEquals(1001, eventOf("heidi").path("requestContext").path("disconnectStatusCode").asInt());

            WsClient busy = WsClient.connect(limited.port(), "?token=" + upstream.token("ivan"));
            eventOf("ivan");
            long started = System.currentTimeMillis();
            while (!busy.closed.isDone() && System.currentTimeMillis() - started < 6000) {
                busy.send("{\"action\":\"sendMessage\"}");
                Thread.sleep(400);
            }
            assertEquals(1001, busy.closeCode());
            assertTrue(System.currentTimeMillis() - started >= 2500, "closed at the maximum duration, not for idleness");
        }
    }
}
