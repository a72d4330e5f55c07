package io.wechat.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.kit.testing.Api.Response;
import io.wechat.kit.testing.Api;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** Events published to SNS, and user events consumed from SQS (POST /events and the local poller). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsIT {
    private ChatServiceFixture fixture;
    private Api api;

    @BeforeAll
    void start() {
        fixture = new ChatServiceFixture();
        api = fixture.api;
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private List<Message> drain(int atLeast) {
        List<Message> all = new ArrayList<>();
        for (int round = 0; round < 10 && all.size() < atLeast; round++) {
            var received = fixture.sqs.receiveMessage(b -> b.queueUrl(fixture.eventsQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            all.addAll(received);
            received.forEach(m -> fixture.sqs.deleteMessage(b -> b.queueUrl(fixture.eventsQueueUrl).receiptHandle(m.receiptHandle())));
        }
        return all;
    }

    @Test
    void everyChangePublishesItsEventWithFilterableAttributes() {
        String alice = fixture.identity.newUser("Alice Liddell");
        String bob = fixture.identity.newUser("Bob");
        String aliceToken = fixture.identity.token(alice);
        String bobToken = fixture.identity.token(bob);
        drain(0);
        String id = api.post("/conversations", aliceToken, Map.of("type", "direct", "memberIds", List.of(bob)))
                .body().path("conversationId").asText();
        String messageId = api.post("/conversations/" + id + "/messages", aliceToken,
                Map.of("clientMessageId", "e-1", "type", "text", "text", "Hello Bob, how are you?")).body().path("messageId").asText();
        api.patch("/conversations/" + id + "/messages/" + messageId, aliceToken, Map.of("text", "Hello Bob!"));
        api.post("/conversations/" + id + "/read", bobToken, Map.of("messageId", messageId));
        api.delete("/conversations/" + id + "/messages/" + messageId, aliceToken);

        List<Message> received = drain(5);
        Map<String, JsonNode> byType = new HashMap<>();
        for (Message message : received) {
            JsonNode envelope = Json.tree(message.body().getBytes());
            String type = envelope.path("type").asText();
            byType.put(type, envelope);
            assertThat(message.messageAttributes().get("type").stringValue(), is(type));
            assertThat(message.messageAttributes().get("conversationId").stringValue(), is(id));
            assertThat(envelope.path("version").asInt(), is(1));
            assertThat(envelope.path("occurredAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), is(true));
            UUID.fromString(envelope.path("eventId").asText());
        }
        assertThat(byType.keySet(), hasItems("conversation.created", "message.sent", "message.edited", "receipt.read", "message.recalled"));
        JsonNode sent = byType.get("message.sent").path("payload");
        assertThat(sent.path("senderDisplayName").asText(), is("Alice Liddell"));
        assertThat(sent.path("preview").asText(), is("Hello Bob, how are you?"));
        assertThat(sent.path("recipients").get(0).asText(), is(bob));
        assertThat(sent.path("recipients").size(), is(1));
        assertThat(sent.path("message").path("messageId").asText(), is(messageId));
        assertThat(byType.get("receipt.read").path("payload").path("userId").asText(), is(bob));
    }

    private static Map<String, Object> userEvent(String eventId, String type, String blocker, String blocked, Instant at) {
        return Map.of("eventId", eventId, "type", type, "version", 1, "occurredAt", at.toString(),
                "payload", Map.of("blockerId", blocker, "blockedId", blocked));
    }

    private static Map<String, Object> sqsBatch(Map<String, Object>... bodies) {
        List<Map<String, Object>> records = new ArrayList<>();
        int i = 0;
        for (Map<String, Object> body : bodies) {
            records.add(Map.of("messageId", "msg-" + i++, "eventSource", "aws:sqs",
                    "body", body.containsKey("raw") ? body.get("raw") : Json.write(body)));
        }
        return Map.of("Records", records);
    }

    @Test
    void locallyOnlyTheEdgeMayPostEvents() throws Exception {
        String alice = fixture.identity.newUser("Alice");
        String bob = fixture.identity.newUser("Bob");
        WebServer guarded = WebServer.builder().host("127.0.0.1").port(0)
                .update(builder -> Main.server(builder, fixture.services, Optional.of("secret-of-this-start"))).build().start();
        try {
            String block = Json.write(sqsBatch(userEvent(UUID.randomUUID().toString(), "user.blocked", bob, alice, Instant.now())));
            HttpClient http = HttpClient.newHttpClient();
            URI events = URI.create("http://127.0.0.1:" + guarded.port() + "/events");
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(block)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.body(), forged.statusCode(), is(403));
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                    .header("X-Edge-Secret", "guessed").POST(HttpRequest.BodyPublishers.ofString(block)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode(), is(403));
            String id = api.post("/conversations", fixture.identity.token(alice), Map.of("type", "direct", "memberIds", List.of(bob)))
                    .body().path("conversationId").asText();
            assertThat("the forged block was not recorded", api.post("/conversations/" + id + "/messages",
                    fixture.identity.token(alice), Map.of("clientMessageId", "g-1", "type", "text", "text", "hi")).status(), is(201));

            HttpResponse<String> fromTheEdge = http.send(HttpRequest.newBuilder(events).header("Content-Type", "application/json")
                    .header("X-Edge-Secret", "secret-of-this-start").POST(HttpRequest.BodyPublishers.ofString(block)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fromTheEdge.body(), fromTheEdge.statusCode(), is(200));
            assertThat("the edge's block was recorded", api.post("/conversations/" + id + "/messages",
                    fixture.identity.token(alice), Map.of("clientMessageId", "g-2", "type", "text", "text", "hi")).status(), is(403));
        } finally {
            guarded.stop();
        }
    }

    @Test
    void blocksArriveAsUserEventsAndStopDirectMessages() {
        String alice = fixture.identity.newUser("Alice");
        String bob = fixture.identity.newUser("Bob");
        String aliceToken = fixture.identity.token(alice);
        String id = api.post("/conversations", aliceToken, Map.of("type", "direct", "memberIds", List.of(bob)))
                .body().path("conversationId").asText();
        Instant now = Instant.now();
        String blockId = UUID.randomUUID().toString();
        Response batch = api.post("/events", null, sqsBatch(
                userEvent(blockId, "user.blocked", bob, alice, now),
                Map.of("raw", "this is not an envelope")));
        assertThat(batch.toString(), batch.status(), is(200));
        assertThat(batch.body().path("batchItemFailures").size(), is(1));
        assertThat(batch.body().path("batchItemFailures").get(0).path("itemIdentifier").asText(), is("msg-1"));

        Response blocked = api.post("/conversations/" + id + "/messages", aliceToken,
                Map.of("clientMessageId", "b-1", "type", "text", "text", "hi"));
        assertThat(blocked.status(), is(403));
        assertThat(blocked.errorCode(), is("blocked"));
        // Bob can still write to Alice.
        assertThat(api.post("/conversations/" + id + "/messages", fixture.identity.token(bob),
                Map.of("clientMessageId", "b-2", "type", "text", "text", "hi")).status(), is(201));

        // An unblock, then a stale redelivery of an older block: the newer state wins.
        String unblockId = UUID.randomUUID().toString();
        api.post("/events", null, sqsBatch(userEvent(unblockId, "user.unblocked", bob, alice, now.plusSeconds(1))));
        api.post("/events", null, sqsBatch(userEvent(UUID.randomUUID().toString(), "user.blocked", bob, alice, now.minusSeconds(5))));
        assertThat(api.post("/conversations/" + id + "/messages", aliceToken,
                Map.of("clientMessageId", "b-3", "type", "text", "text", "hi again")).status(), is(201));

        assertThat(api.post("/events", null, "{\"nope\":1}").status(), is(400));
    }
}
