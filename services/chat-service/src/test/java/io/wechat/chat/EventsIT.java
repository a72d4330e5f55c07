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
import io.wechat.chat.support.StreamRecords;
import io.wechat.chat.support.TestEdge;
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

/**
 * Events published to SNS (the message events from the messages table's stream, which the real local edge delivers
 * to POST /events), and user events consumed from SQS (POST /events and the local poller).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsIT {
    private ChatServiceFixture fixture;
    private TestEdge edge;
    private Api api;

    @BeforeAll
    void start() {
        fixture = new ChatServiceFixture();
        api = fixture.api;
        edge = new TestEdge().start("http://127.0.0.1:" + fixture.server.port(), fixture.identity, fixture.messagesStreamArn());
    }

    @AfterAll
    void stop() {
        if (edge != null) {
            edge.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private List<Message> drain(int atLeast) {
        List<Message> all = new ArrayList<>();
        for (int round = 0; round < 30 && all.size() < atLeast; round++) {
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
        // Stream events carry no caller's token: the sender's name comes from the profile projection.
        api.post("/events", null, sqsBatch(Map.of("eventId", UUID.randomUUID().toString(), "type", "user.registered",
                "version", 1, "occurredAt", Instant.now().toString(),
                "payload", Map.of("userId", alice, "username", "alice", "displayName", "Alice Liddell"))));
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
        assertThat(byType.get("message.sent").path("occurredAt").asText(),
                   is(sent.path("message").path("createdAt").asText()));
    }

    @Test
    void aStreamRecordDeliveredTwicePublishesTheSameEventTwiceAndAFailedOneIsReported() {
        String alice = fixture.identity.newUser("Alice");
        String bob = fixture.identity.newUser("Bob");
        String aliceToken = fixture.identity.token(alice);
        String id = api.post("/conversations", aliceToken, Map.of("type", "direct", "memberIds", List.of(bob)))
                .body().path("conversationId").asText();
        JsonNode message = api.post("/conversations/" + id + "/messages", aliceToken,
                Map.of("clientMessageId", "twice-1", "type", "text", "text", "once")).body();

        // Lambda delivers at least once: the same INSERT again, as the stream holds it.
        Map<String, Object> record = StreamRecords.insert(fixture.messagesStreamArn(), message, "900");
        Response again = api.post("/events", null, Map.of("Records", List.of(record)));
        assertThat(again.toString(), again.status(), is(200));
        assertThat(again.body().path("batchItemFailures").size(), is(0));

        // The edge's delivery of the committed message and this one: the same event, which consumers act on once.
        List<String> eventIds = new ArrayList<>();
        for (int round = 0; round < 30 && eventIds.size() < 2; round++) {
            drain(1).stream().map(m -> Json.tree(m.body().getBytes()))
                    .filter(e -> e.path("type").asText().equals("message.sent"))
                    .filter(e -> e.path("payload").path("conversationId").asText().equals(id))
                    .forEach(e -> eventIds.add(e.path("eventId").asText()));
        }
        String expected = UUID.nameUUIDFromBytes(("message.sent/" + message.path("messageId").asText() + "/")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        assertThat(eventIds, is(List.of(expected, expected)));

        // A record that cannot become an event (an image without the message's fields) is reported by its sequence
        // number, and nothing after it in the batch is published out of order.
        Map<String, Object> broken = Map.of("eventID", "e-2", "eventName", "INSERT", "eventSource", "aws:dynamodb",
                "dynamodb", Map.of("NewImage", Map.of("seq", Map.of("N", "1")), "SequenceNumber", "901"));
        Response failed = api.post("/events", null, Map.of("Records", List.of(broken, record)));
        assertThat(failed.toString(), failed.status(), is(200));
        assertThat(failed.body().path("batchItemFailures").get(0).path("itemIdentifier").asText(), is("901"));
        assertThat(failed.body().path("batchItemFailures").size(), is(1));
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
