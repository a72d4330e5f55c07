package io.wechat.chat.limits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.realtime.WebSocketRoutes;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.kit.redis.RateLimit;
import io.wechat.kit.testing.Api.Response;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

/**
 * Per-user rate limits against the real Redis: the HTTP routes (429 rate_limited with Retry-After), the sends over HTTP
 * and over a WebSocket (the send beyond is not stored), and the WebSocket frames (an error frame); concurrent uses never
 * overshoot a bucket. Refills are slow enough (one token in 100 s) that no test depends on how fast it runs.
 */
class RateLimitsIT {
    private static final double SLOW_REFILL = 0.01;
    private static final UserLimits.Rates RATES = new UserLimits.Rates(new RateLimit.Rate(8, SLOW_REFILL),
            new RateLimit.Rate(2, SLOW_REFILL), new RateLimit.Rate(2, SLOW_REFILL));
    private static ChatServiceFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ChatServiceFixture(RATES);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private record User(String id, String token) {
    }

    private static User user() {
        String id = fixture.identity.newUser("Rate " + UUID.randomUUID().toString().substring(0, 6));
        return new User(id, fixture.identity.token(id));
    }

    @Test
    void authenticatedRoutesBeyondTheUsersLimitAre429WithRetryAfterAndOthersAreNotAffected() throws Exception {
        User alice = user();
        for (int i = 0; i < RATES.requests().burst(); i++) {
            assertThat(fixture.api.get("/conversations", alice.token()).status(), is(200));
        }
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fixture.server.port() + "/conversations"))
                .header("Authorization", "Bearer " + alice.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode(), is(429));
        assertThat(Json.tree(refused.body().getBytes()).path("error").path("code").asText(), is("rate_limited"));
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElse("0")), greaterThanOrEqualTo(1L));

        assertThat(fixture.api.get("/conversations", user().token()).status(), is(200));
    }

    @Test
    void sendsOverHttpAndWebSocketShareTheUsersLimitAndASendBeyondIsNotStored() {
        User alice = user();
        User bob = user();
        String conversationId = fixture.api.post("/conversations", alice.token(),
                Map.of("type", "direct", "memberIds", List.of(bob.id()))).body().path("conversationId").asText();
        assertThat(send(alice, conversationId, "over HTTP").status(), is(201));
        webSocketSend(alice, conversationId, "over a WebSocket");

        Response refused = send(alice, conversationId, "one too many");
        assertThat(refused.status(), is(429));
        assertThat(refused.errorCode(), is("rate_limited"));
        webSocketSend(alice, conversationId, "one too many, over a WebSocket");

        List<String> texts = new ArrayList<>();
        fixture.api.get("/conversations/" + conversationId + "/messages", bob.token()).body().path("items")
                .forEach(m -> texts.add(m.path("text").asText()));
        assertThat(texts, is(List.of("over a WebSocket", "over HTTP")));
        assertThat("bob's own sends are his", send(bob, conversationId, "hello").status(), is(201));
    }

    @Test
    void webSocketFramesBeyondTheUsersLimitAreAnsweredWithAnErrorFrame() {
        List<JsonNode> frames = new ArrayList<>();
        var routes = new WebSocketRoutes(null, (connectionId, frame) -> frames.add(Json.tree(frame.getBytes())),
                null, null, null, null, Clock.systemUTC(), UserLimits.of(fixture.redis::sync, RATES));
        String userId = "u-" + UUID.randomUUID();
        for (int i = 0; i <= RATES.frames().burst(); i++) {
            assertThat(routes.handle(ping(userId)), is(200));
        }
        assertThat(frames.stream().map(f -> f.path("type").asText()).toList(), is(List.of("pong", "pong", "error")));
        assertThat(frames.getLast().path("error").path("code").asText(), is("rate_limited"));
        assertThat(frames.getLast().path("action").asText(), is("ping"));
    }

    @Test
    void concurrentUsesNeverOvershootTheBucket() throws Exception {
        RateLimit limit = new RateLimit(fixture.redis::sync, "chat-service-test", "uses", new RateLimit.Rate(5, SLOW_REFILL));
        String subject = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> taken = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Boolean> use = () -> limit.tryTake(subject).isEmpty();
                taken.add(pool.submit(use));
            }
            int granted = 0;
            for (Future<Boolean> answer : taken) {
                granted += answer.get() ? 1 : 0;
            }
            assertThat(granted, is(5));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response send(User from, String conversationId, String text) {
        return fixture.api.post("/conversations/" + conversationId + "/messages", from.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "text", "text", text));
    }

    /** A sendMessage frame as the WebSocket API delivers it to POST /events (its answer goes to @connections). */
    private static void webSocketSend(User from, String conversationId, String text) {
        String body = Json.write(Map.of("action", "sendMessage", "conversationId", conversationId,
                "clientMessageId", UUID.randomUUID().toString(), "type", "text", "text", text));
        Response answer = fixture.api.post("/events", null, event(from.id(), "sendMessage", body));
        assertThat(answer.toString(), answer.status(), is(200));
    }

    private static WebSocketRoutes.WsEvent ping(String userId) {
        return WebSocketRoutes.WsEvent.parse(Json.tree(event(userId, "ping", "{\"action\":\"ping\"}").getBytes())).orElseThrow();
    }

    private static String event(String userId, String routeKey, String body) {
        return "{\"requestContext\":{\"routeKey\":\"" + routeKey + "\",\"eventType\":\"MESSAGE\",\"connectionId\":\"c-"
                + UUID.randomUUID() + "\",\"authorizer\":{\"principalId\":\"" + userId + "\"}},\"body\":" + Json.write(body)
                + ",\"isBase64Encoded\":false}";
    }
}
