package io.wechat.edge.ws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsEventsTest {
    private static final Instant CONNECTED = Instant.parse("2026-11-26T21:00:00Z");
    private final WsEvents events = new WsEvents("local", "api1");

    private static Connection connection() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u1").issuer("http://localhost:8081").audience("wechat-app")
                .expirationTime(Date.from(CONNECTED.plusSeconds(900))).build();
        return new Connection("c1=", CONNECTED, "10.0.0.1", "test-agent", "localhost:8080", WsEvents.authorizerContext(claims),
                              Map.of("Host", List.of("localhost:8080")), Map.of("token", List.of("t")));
    }

    @Test
    void connectCarriesHeadersQueryAndTheAuthorizerContext() {
        JsonNode event = events.connect(connection(), "r1", CONNECTED);
        JsonNode context = event.path("requestContext");
        assertEquals("$connect", context.path("routeKey").asText());
        assertEquals("CONNECT", context.path("eventType").asText());
        assertEquals("c1=", context.path("connectionId").asText());
        assertEquals(CONNECTED.toEpochMilli(), context.path("connectedAt").asLong());
        assertEquals("26/Nov/2026:21:00:00 +0000", context.path("requestTime").asText());
        assertEquals("10.0.0.1", context.path("identity").path("sourceIp").asText());
        assertEquals("u1", context.path("authorizer").path("principalId").asText());
        assertEquals("wechat-app", context.path("authorizer").path("aud").asText());
        assertEquals(CONNECTED.plusSeconds(900).getEpochSecond(), context.path("authorizer").path("exp").asLong());
        assertEquals("t", event.path("queryStringParameters").path("token").asText());
        assertEquals("localhost:8080", event.path("headers").path("Host").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean());
    }

    @Test
    void messageCarriesTheBodyTextOrBase64() {
        JsonNode text = events.message(connection(), "sendMessage", "r2", "m1", CONNECTED, "{\"action\":\"x\"}".getBytes(StandardCharsets.UTF_8), false);
        assertEquals("{\"action\":\"x\"}", text.path("body").asText());
        assertEquals("m1", text.path("requestContext").path("messageId").asText());
        assertEquals("MESSAGE", text.path("requestContext").path("eventType").asText());
        JsonNode binary = events.message(connection(), "$default", "r3", "m2", CONNECTED, new byte[] {1, 2}, true);
        assertEquals("AQI=", binary.path("body").asText());
        assertTrue(binary.path("isBase64Encoded").asBoolean());
    }

    @Test
    void disconnectCarriesTheStatus() {
        JsonNode context = events.disconnect(connection(), "r4", CONNECTED, 1001, "Going away").path("requestContext");
        assertEquals("DISCONNECT", context.path("eventType").asText());
        assertEquals(1001, context.path("disconnectStatusCode").asInt());
        assertEquals("Going away", context.path("disconnectReason").asText());
    }

    @Test
    void selectsRoutesOnTheBodysAction() {
        assertEquals("sendMessage", WebSocketApi.action("{\"action\":\"sendMessage\"}".getBytes(StandardCharsets.UTF_8)));
        assertNull(WebSocketApi.action("{\"action\":1}".getBytes(StandardCharsets.UTF_8)));
        assertNull(WebSocketApi.action("[1]".getBytes(StandardCharsets.UTF_8)));
        assertNull(WebSocketApi.action("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void decodesConnectionIdsFromPaths() {
        assertEquals("Ab+c=", ConnectionsApi.percentDecode("Ab+c%3D"));
        assertTrue(ConnectionsApi.matches("/@connections/Ab%3D"));
        assertTrue(ConnectionsApi.matches("/local/%40connections/Ab%3D"));
        assertFalse(ConnectionsApi.matches("/users/@connections/x/y"));
    }
}
