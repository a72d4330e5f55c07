package io.wechat.chat.realtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Event parsing and the routes that need neither Redis nor DynamoDB (the rest: RealtimeIT). */
class WebSocketRoutesTest {
    private final List<String[]> sent = new ArrayList<>();
    private final WebSocketRoutes routes = new WebSocketRoutes(null, (id, frame) -> sent.add(new String[] {id, frame}),
            null, null, null, null, Clock.systemUTC());

    private static JsonNode event(String eventType, String routeKey, String principal, String body) {
        String authorizer = principal == null ? "" : ",\"authorizer\":{\"principalId\":\"" + principal + "\",\"integrationLatency\":0,\"sub\":\"" + principal + "\"}";
        return Json.tree(("{\"requestContext\":{\"routeKey\":\"" + routeKey + "\",\"eventType\":\"" + eventType
                + "\",\"connectionId\":\"abc=\",\"connectedAt\":1764190800000,\"stage\":\"local\",\"apiId\":\"local\""
                + authorizer + "}" + (body == null ? "" : ",\"body\":" + Json.write(body) + ",\"isBase64Encoded\":false") + "}").getBytes());
    }

    private JsonNode lastFrame() {
        assertThat(sent.getLast()[0], is("abc="));
        return Json.tree(sent.getLast()[1].getBytes());
    }

    @Test
    void parsesApiGatewayWebSocketEvents() {
        var ws = WebSocketRoutes.WsEvent.parse(event("MESSAGE", "sendMessage", "u-1", "{\"action\":\"sendMessage\"}")).orElseThrow();
        assertThat(ws.eventType(), is("MESSAGE"));
        assertThat(ws.routeKey(), is("sendMessage"));
        assertThat(ws.connectionId(), is("abc="));
        assertThat(ws.userId(), is("u-1"));
        assertThat(ws.body(), is("{\"action\":\"sendMessage\"}"));
        var binary = Json.tree("{\"requestContext\":{\"eventType\":\"MESSAGE\",\"routeKey\":\"$default\",\"connectionId\":\"c\"},\"body\":\"eyJhIjoxfQ==\",\"isBase64Encoded\":true}".getBytes());
        assertThat(WebSocketRoutes.WsEvent.parse(binary).orElseThrow().body(), is("{\"a\":1}"));
        assertThat(WebSocketRoutes.WsEvent.parse(Json.tree("{\"Records\":[]}".getBytes())).isPresent(), is(false));
        assertThrows(ApiException.class, () -> WebSocketRoutes.WsEvent.parse(Json.tree("{\"requestContext\":{\"eventType\":\"CONNECT\"}}".getBytes())));
    }

    @Test
    void connectWithoutAPrincipalIsRefused() {
        assertThat(routes.handle(WebSocketRoutes.WsEvent.parse(event("CONNECT", "$connect", null, null)).orElseThrow()), is(401));
    }

    @Test
    void pingIsAnsweredWithPong() {
        assertThat(routes.handle(WebSocketRoutes.WsEvent.parse(event("MESSAGE", "ping", "u-1", "{\"action\":\"ping\"}")).orElseThrow()), is(200));
        assertThat(lastFrame().path("type").asText(), is("pong"));
    }

    @Test
    void unknownActionsAndBadFramesAreAnsweredWithErrorFrames() {
        routes.handle(WebSocketRoutes.WsEvent.parse(event("MESSAGE", "$default", "u-1", "{\"action\":\"dance\"}")).orElseThrow());
        assertThat(lastFrame().path("type").asText(), is("error"));
        assertThat(lastFrame().path("error").path("code").asText(), is("unknown_action"));
        assertThat(lastFrame().path("action").asText(), is("dance"));
        routes.handle(WebSocketRoutes.WsEvent.parse(event("MESSAGE", "$default", "u-1", "not json")).orElseThrow());
        assertThat(lastFrame().path("error").path("code").asText(), is("invalid_json"));
        routes.handle(WebSocketRoutes.WsEvent.parse(event("MESSAGE", "ping", null, "{\"action\":\"ping\"}")).orElseThrow());
        assertThat(lastFrame().path("error").path("code").asText(), is("unauthorized"));
    }

    @Test
    void aFailedAnswerIsNotReported() {
        var failing = new WebSocketRoutes(null, (id, frame) -> {
            throw new IllegalStateException("network");
        }, null, null, null, null, Clock.systemUTC());
        assertThat(failing.handle(WebSocketRoutes.WsEvent.parse(event("MESSAGE", "ping", "u-1", "{}")).orElseThrow()), is(200));
    }
}
