package io.wechat.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.messages.MessageStreamConsumer;
import io.wechat.chat.realtime.ConnectionRegistry;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.ChatStack.User;
import io.wechat.chat.support.StreamRecords;
import io.wechat.chat.support.TestEdge;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.testing.Api;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Real-time delivery end to end: the real local edge (WebSocket API, @connections) in front of chat-service,
 * real Redis for connections, the emulator for tables and events, JDK WebSocket clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeIT {
    @RegisterExtension
    static final ChatStack stack = ChatStack.behindEdge();
    private TestEdge edge;
    private ChatServiceFixture fixture;
    private Api viaEdge;

    @BeforeAll
    void start() {
        edge = stack.edge();
        fixture = stack.fixture();
        viaEdge = stack.api();
    }

    private User user(String name) {
        return stack.user(name);
    }

    private WsClient connect(User user) {
        return stack.connect(user);
    }

    /**
     * A direct conversation whose {@code conversation.created} the stream has published (its frames go out first), so
     * that the sockets a test connects afterwards get only the frames of what the test does.
     */
    private String direct(User a, User b) {
        var created = viaEdge.post("/conversations", a.token(), Map.of("type", "direct", "memberIds", List.of(b.id())));
        assertThat(created.toString(), created.status(), is(201));
        String id = created.body().path("conversationId").asText();
        for (int round = 0; round < 20; round++) {
            var received = fixture.sqs.receiveMessage(r -> r.queueUrl(fixture.eventsQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            boolean published = false;
            for (var m : received) {
                fixture.sqs.deleteMessage(d -> d.queueUrl(fixture.eventsQueueUrl).receiptHandle(m.receiptHandle()));
                JsonNode event = Json.tree(m.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                published |= "conversation.created".equals(event.path("type").asText())
                        && id.equals(event.path("payload").path("conversationId").asText());
            }
            if (published) {
                return id;
            }
        }
        throw new AssertionError("The stream did not publish conversation.created of " + id);
    }

    private static Map<String, Object> text(String clientMessageId, String text) {
        return Map.of("clientMessageId", clientMessageId, "type", "text", "text", text);
    }

    private static Map<String, Object> frame(String action, Map<String, Object> fields) {
        Map<String, Object> frame = new HashMap<>(fields);
        frame.put("action", action);
        return frame;
    }

    /**
     * The frames the sockets got before a marker message that {@code sender} sends now over HTTP (which every socket
     * of the conversation's members gets), all sockets' together. The marker's frame follows every earlier message's through the same stream
     * and fan-out, so a frame still owed for an earlier one arrives before it: an absence check without a time window.
     */
    private List<JsonNode> framesBeforeMarker(User sender, String conversationId, WsClient... sockets) {
        String marker = "marker " + UUID.randomUUID();
        var sent = viaEdge.post("/conversations/" + conversationId + "/messages", sender.token(),
                text("m-" + UUID.randomUUID(), marker));
        assertThat(sent.toString(), sent.status(), is(201));
        List<JsonNode> before = new ArrayList<>();
        for (WsClient socket : sockets) {
            for (JsonNode frame = socket.next(); !marker.equals(frame.path("message").path("text").asText()); frame = socket.next()) {
                before.add(frame);
            }
        }
        return before;
    }

    private List<String> live(User user) {
        return fixture.services.connections().live(List.of(user.id())).getOrDefault(user.id(), List.of());
    }

    private void awaitConnections(User user, int count) {
        Instant deadline = Instant.now().plusSeconds(5);
        while (live(user).size() != count && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(live(user).size(), is(count));
    }

    @Test
    void messagesReachEveryConnectionOfEveryMember() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        try (WsClient a = connect(alice); WsClient b1 = connect(bob); WsClient b2 = connect(bob)) {
            // Over HTTP through the edge: both of Bob's devices and Alice's own socket (her other device).
            var sent = viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("h-1", "over http"));
            assertThat(sent.toString(), sent.status(), is(201));
            for (WsClient client : List.of(b1, b2, a)) {
                JsonNode frame = client.next();
                assertThat(frame.toString(), frame.path("type").asText(), is("message.new"));
                assertThat(frame.path("conversationId").asText(), is(id));
                assertThat(frame.path("message").path("text").asText(), is("over http"));
                assertThat(frame.path("message").path("messageId").asText(), is(sent.body().path("messageId").asText()));
            }

            // Over the socket: the sender's connection gets exactly one answer, the others the same message.
            a.send(frame("sendMessage", Map.of("conversationId", id, "clientMessageId", "w-1", "type", "text",
                    "text", "over the socket")));
            JsonNode answer = a.next();
            assertThat(answer.toString(), answer.path("type").asText(), is("message.new"));
            assertThat(answer.path("message").path("clientMessageId").asText(), is("w-1"));
            String messageId = answer.path("message").path("messageId").asText();
            for (WsClient client : List.of(b1, b2)) {
                JsonNode frame = client.next();
                assertThat(frame.path("message").path("messageId").asText(), is(messageId));
                assertThat(frame.path("message").path("text").asText(), is("over the socket"));
            }
            assertThat(framesBeforeMarker(alice, id, a, b1, b2), is(empty()));

            // The same clientMessageId again: the first message answered, nobody else bothered.
            a.send(frame("sendMessage", Map.of("conversationId", id, "clientMessageId", "w-1", "type", "text",
                    "text", "over the socket")));
            assertThat(a.next().path("message").path("messageId").asText(), is(messageId));
            assertThat(framesBeforeMarker(alice, id, a, b1, b2), is(empty()));

            // Typing reaches the others (not the typist), at most once per interval.
            a.send(frame("typing", Map.of("conversationId", id)));
            a.send(frame("typing", Map.of("conversationId", id)));
            for (WsClient client : List.of(b1, b2)) {
                JsonNode typing = client.next();
                assertThat(typing.path("type").asText(), is("typing"));
                assertThat(typing.path("userId").asText(), is(alice.id()));
                assertThat(typing.path("conversationId").asText(), is(id));
            }
            viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("h-2", "after typing"));
            assertThat(b1.next().path("type").asText(), is("message.new"));

            // Edits, recalls and receipts are pushed too.
            var edited = fixture.api.patch("/conversations/" + id + "/messages/" + messageId, alice.token(), Map.of("text", "fixed"));
            assertThat(edited.status(), is(200));
            assertThat(b2.next("message.edited").path("message").path("text").asText(), is("fixed"));
            assertThat(fixture.api.post("/conversations/" + id + "/read", bob.token(), Map.of("messageId", messageId)).status(), is(200));
            JsonNode receipt = a.next("receipt.read");
            assertThat(receipt.path("userId").asText(), is(bob.id()));
            assertThat(receipt.path("messageId").asText(), is(messageId));
            assertThat(fixture.api.delete("/conversations/" + id + "/messages/" + messageId, alice.token()).status(), is(200));
            assertThat(b1.next("message.recalled").path("messageId").asText(), is(messageId));

            // ping, unknown actions, and errors of a send come back as frames.
            b1.send(Map.of("action", "ping"));
            assertThat(b1.next("pong").path("type").asText(), is("pong"));
            b1.send(Map.of("action", "dance"));
            JsonNode unknown = b1.next("error");
            assertThat(unknown.path("error").path("code").asText(), is("unknown_action"));
            b1.send(frame("sendMessage", Map.of("conversationId", "not-mine", "clientMessageId", "x", "type", "text", "text", "?")));
            JsonNode refused = b1.next("error");
            assertThat(refused.path("error").path("code").asText(), is("conversation_not_found"));
            assertThat(refused.path("clientMessageId").asText(), is("x"));
            b1.send(frame("sendMessage", Map.of("conversationId", id, "clientMessageId", "y", "type", "text")));
            assertThat(b1.next("error").path("error").path("code").asText(), is("invalid_text"));
        }
        awaitConnections(bob, 0);
        awaitConnections(alice, 0);
    }

    @Test
    void deleteForMeIsToldToEveryConnectionOfTheCallerAndNobodyElse() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        try (WsClient a = connect(alice); WsClient b1 = connect(bob); WsClient b2 = connect(bob)) {
            var sent = viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("d-1", "hide me"));
            assertThat(sent.toString(), sent.status(), is(201));
            String messageId = sent.body().path("messageId").asText();
            for (WsClient client : List.of(a, b1, b2)) {
                assertThat(client.next("message.new").path("message").path("messageId").asText(), is(messageId));
            }

            var deleted = viaEdge.delete("/conversations/" + id + "/messages/" + messageId + "?for=me", bob.token());
            assertThat(deleted.toString(), deleted.status(), is(204));
            for (WsClient client : List.of(b1, b2)) {
                JsonNode frame = client.next();
                assertThat(frame.toString(), frame.path("type").asText(), is("message.hidden"));
                assertThat(frame.path("conversationId").asText(), is(id));
                assertThat(frame.path("messageId").asText(), is(messageId));
            }
            // Alice's next frame is her next message: the deletion was Bob's alone.
            var next = viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("d-2", "still here"));
            assertThat(next.toString(), next.status(), is(201));
            JsonNode frame = a.next();
            assertThat(frame.toString(), frame.path("type").asText(), is("message.new"));
            assertThat(frame.path("message").path("messageId").asText(), is(next.body().path("messageId").asText()));
        }
    }

    @Test
    void aStreamRecordDeliveredAgainSendsEachConnectionItsFrameOnce() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        try (WsClient b1 = connect(bob); WsClient b2 = connect(bob)) {
            awaitConnections(bob, 2);
            var sent = viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("s-1", "once each"));
            assertThat(sent.toString(), sent.status(), is(201));
            String messageId = sent.body().path("messageId").asText();
            assertThat(b1.next().path("message").path("messageId").asText(), is(messageId));
            assertThat(b2.next().path("message").path("messageId").asText(), is(messageId));
            // The edge delivers the record too; once it has (its event is out), only this test delivers it: the claims
            // below are the test's alone.
            messageSent(messageId);

            // Lambda delivers at least once: the same record again reaches nobody a second time ...
            var record = StreamRecords.insert(fixture.messagesStreamArn(), sent.body(), "800");
            assertThat(fixture.api.post("/events", null, StreamRecords.batch(record)).status(), is(200));
            assertThat(framesBeforeMarker(alice, id, b1, b2), is(empty()));

            // ... a connection whose send another attempt claimed is left to it while its lease stands (the delivery
            // fails, to come again) ...
            String frameId = MessageStreamConsumer.sentEventId(messageId);
            String unfinished = live(bob).stream()
                    .filter(c -> fixture.services.connections().claimFrame(frameId, c) == ConnectionRegistry.FrameClaim.SENT)
                    .findFirst().orElseThrow();
            fixture.services.connections().releaseFrame(frameId, unfinished);
            assertThat(fixture.services.connections().claimFrame(frameId, unfinished), is(ConnectionRegistry.FrameClaim.CLAIMED));
            var during = fixture.api.post("/events", null, StreamRecords.batch(record));
            assertThat(during.body().toString(), during.body().path("batchItemFailures").size(), is(1));
            assertThat(framesBeforeMarker(alice, id, b1, b2), is(empty()));

            // ... and when that attempt never finished (the process died mid-send), the first delivery after the lease
            // sends it.
            fixture.clock.advance(ConnectionRegistry.FRAME_LEASE.plusSeconds(1));
            var again = fixture.api.post("/events", null, StreamRecords.batch(record));
            assertThat(again.body().path("batchItemFailures").size(), is(0));
            List<JsonNode> framed = framesBeforeMarker(alice, id, b1, b2);
            assertThat(framed.toString(), framed.size(), is(1));
            assertThat(framed.get(0).path("message").path("messageId").asText(), is(messageId));
        }
    }

    @Test
    void aVanishedClientIsRemovedAndTheSenderSeesNoError() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        try (WsClient b1 = connect(bob); WsClient b2 = connect(bob)) {
            awaitConnections(bob, 2);
            b2.abort(); // no close frame: the edge notices and delivers $disconnect
            awaitConnections(bob, 1);
            var sent = viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("v-1", "still there?"));
            assertThat(sent.toString(), sent.status(), is(201));
            assertThat(b1.next().path("message").path("text").asText(), is("still there?"));
        }
    }

    @Test
    void aGoneConnectionIsRemovedOnTheNextSend() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        // A connection whose $disconnect never arrived, admitted long ago: the edge answers 410 for it.
        fixture.services.connections().register("gone-" + bob.id(), bob.id());
        fixture.clock.advance(ConnectionRegistry.OPENING.plusSeconds(1));
        try (WsClient b = connect(bob)) {
            awaitConnections(bob, 2);
            var sent = viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("g-1", "hello"));
            assertThat(sent.toString(), sent.status(), is(201));
            assertThat(b.next().path("message").path("text").asText(), is("hello"));
            // The frames go out side by side: the 410 and the removal may finish after b's frame.
            awaitConnections(bob, 1);
            assertThat(live(bob).contains("gone-" + bob.id()), is(false));
        }
    }

    /**
     * A connection that $connect admitted is unknown to @connections until its handshake completes (410, in AWS as at
     * the edge): a frame posted in between is owed, not a reason to forget the connection, which would cut the client
     * off from every later frame (the bench's recipients that missed messages after connecting while the stream
     * delivered their new groups' frames).
     */
    @Test
    void aConnectionStillOpeningIsKeptAndItsFrameOwedUntilItCouldHaveOpened() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        try (WsClient b = connect(bob)) {
            awaitConnections(bob, 1);
            var sent = viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("h-1", "just connected?"));
            assertThat(sent.toString(), sent.status(), is(201));
            assertThat(b.next().path("message").path("text").asText(), is("just connected?"));
            // The edge's own delivery of the record is done (its event is out): it cannot meet the socket below.
            messageSent(sent.body().path("messageId").asText());

            // $connect answered for a second socket of Bob's whose handshake has not completed: the edge answers 410.
            String opening = "opening-" + bob.id();
            assertThat(fixture.services.connections().admit(opening, bob.id(), null, null).isPresent(), is(false));
            var record = StreamRecords.insert(fixture.messagesStreamArn(), sent.body(), "900");
            var early = fixture.api.post("/events", null, StreamRecords.batch(record));
            assertThat(early.body().toString(), early.body().path("batchItemFailures").size(), is(1));
            assertThat(live(bob).contains(opening), is(true));

            // Past the time a handshake takes, a 410 means gone: the connection is removed and the record is done.
            fixture.clock.advance(ConnectionRegistry.OPENING.plusSeconds(1));
            var late = fixture.api.post("/events", null, StreamRecords.batch(record));
            assertThat(late.body().toString(), late.body().path("batchItemFailures").size(), is(0));
            assertThat(live(bob).toString(), live(bob).size(), is(1));
            assertThat(live(bob).contains(opening), is(false));
        }
    }

    @Test
    void messageSentCarriesTheOnlineRecipientsAndPresenceFollowsConnections() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        var group = viaEdge.post("/conversations", alice.token(),
                Map.of("type", "group", "title", "G", "memberIds", List.of(bob.id(), carol.id())));
        String id = group.body().path("conversationId").asText();
        direct(alice, bob);
        drainEvents();
        try (WsClient b = connect(bob)) {
            var sent = viaEdge.post("/conversations/" + id + "/messages", alice.token(), text("o-1", "who is online"));
            assertThat(sent.status(), is(201));
            JsonNode event = messageSent(sent.body().path("messageId").asText());
            assertThat(event.path("payload").path("onlineRecipientIds").toString(), is(Json.write(List.of(bob.id()))));

            var presence = viaEdge.get("/presence?userIds=" + bob.id() + "," + carol.id() + "&conversationId=" + id, alice.token());
            assertThat(presence.toString(), presence.status(), is(200));
            assertThat(presence.body().path("items").get(0).path("online").asBoolean(), is(true));
            assertThat(presence.body().path("items").get(1).path("online").asBoolean(), is(false));
            // Without the group, Carol shares nothing with a stranger: answered as never seen.
            User stranger = user("Stranger");
            var hidden = viaEdge.get("/presence?userIds=" + bob.id(), stranger.token());
            assertThat(hidden.body().path("items").get(0).path("online").asBoolean(), is(false));
        }
        awaitConnections(bob, 0);
        var after = fixture.api.get("/presence?userIds=" + bob.id(), alice.token());
        assertThat(after.body().path("items").get(0).path("online").asBoolean(), is(false));
        assertThat(Instant.parse(after.body().path("items").get(0).path("lastSeenAt").asText()),
                lessThanOrEqualTo(fixture.clock.instant()));
        var sent = fixture.api.post("/conversations/" + id + "/messages", alice.token(), text("o-2", "nobody"));
        assertThat(messageSent(sent.body().path("messageId").asText()).path("payload").path("onlineRecipientIds").size(), is(0));
    }

    /**
     * In AWS, $connect is authorized by chat-service itself (a REQUEST Lambda authorizer answered at POST /events),
     * and API Gateway hands the CONNECT event {principalId, integrationLatency, <context>}: the connection then
     * registers exactly as it does behind the local edge's built-in authorizer.
     */
    @Test
    void theAwsConnectAuthorizerAnswersAtEventsAndItsContextConnects() {
        User dave = user("Dave");
        String arn = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/live/$connect";
        var allowed = fixture.api.post("/events", null, authorizerEvent(arn, dave.token()));
        assertThat(allowed.toString(), allowed.status(), is(200));
        assertThat(allowed.body().path("principalId").asText(), is(dave.id()));
        JsonNode statement = allowed.body().path("policyDocument").path("Statement").get(0);
        assertThat(statement.path("Effect").asText(), is("Allow"));
        assertThat(statement.path("Resource").asText(), is(arn));
        assertThat(allowed.body().path("context").path("sub").asText(), is(dave.id()));

        var denied = fixture.api.post("/events", null, authorizerEvent(arn, "not-a-token"));
        assertThat(denied.toString(), denied.status(), is(200));
        assertThat(denied.body().path("policyDocument").path("Statement").get(0).path("Effect").asText(), is("Deny"));

        Map<String, Object> authorizer = new HashMap<>();
        allowed.body().path("context").fields().forEachRemaining(f -> authorizer.put(f.getKey(), f.getValue()));
        authorizer.put("principalId", allowed.body().path("principalId").asText());
        authorizer.put("integrationLatency", 7);
        var connected = fixture.api.post("/events", null, Map.of("requestContext", Map.of("routeKey", "$connect",
                "eventType", "CONNECT", "connectionId", "aws-conn=", "authorizer", authorizer)));
        assertThat(connected.toString(), connected.body().path("statusCode").asInt(), is(200));
        assertThat(live(dave), is(List.of("aws-conn=")));
        fixture.api.post("/events", null, Map.of("requestContext", Map.of("routeKey", "$disconnect",
                "eventType", "DISCONNECT", "connectionId", "aws-conn=", "authorizer", authorizer)));
        awaitConnections(dave, 0);
    }

    private static Map<String, Object> authorizerEvent(String methodArn, String token) {
        return Map.of("type", "REQUEST", "methodArn", methodArn,
                "headers", Map.of("Upgrade", "websocket", "Sec-WebSocket-Version", "13"),
                "queryStringParameters", Map.of("token", token),
                "multiValueQueryStringParameters", Map.of("token", List.of(token)),
                "stageVariables", Map.of(),
                "requestContext", Map.of("routeKey", "$connect", "eventType", "CONNECT", "connectionId", "aws-conn=",
                        "stage", "live", "apiId", "abcdef123", "messageDirection", "IN"));
    }

    /**
     * A socket send has no token to forward to user-service: the sender's name comes from chat-service's own
     * projection of user.registered / user.profile-updated (newer occurredAt wins).
     */
    @Test
    void aSocketSendNamesItsSenderFromTheProfileProjection() {
        User erin = user("Erin");
        User frank = user("Frank");
        String id = direct(erin, frank);
        drainEvents();
        Instant now = Instant.now();
        var batch = fixture.api.post("/events", null, Map.of("Records", List.of(
                sqsRecord("p-1", profileEvent("user.profile-updated", erin.id(), "Erin Updated", now)),
                sqsRecord("p-2", profileEvent("user.registered", erin.id(), "Erin Registered", now.minusSeconds(60))))));
        assertThat(batch.toString(), batch.body().path("batchItemFailures").size(), is(0));
        try (WsClient e = connect(erin)) {
            e.send(frame("sendMessage", Map.of("conversationId", id, "clientMessageId", "n-1", "type", "text",
                    "text", "who am I")));
            JsonNode answer = e.next();
            assertThat(answer.toString(), answer.path("type").asText(), is("message.new"));
            JsonNode sent = messageSent(answer.path("message").path("messageId").asText());
            assertThat(sent.path("payload").path("senderDisplayName").asText(), is("Erin Updated"));
        }
    }

    private static Map<String, Object> sqsRecord(String messageId, Map<String, Object> envelope) {
        return Map.of("messageId", messageId, "eventSource", "aws:sqs", "body", Json.write(envelope));
    }

    private static Map<String, Object> profileEvent(String type, String userId, String displayName, Instant at) {
        return Map.of("eventId", java.util.UUID.randomUUID().toString(), "type", type, "version", 1,
                "occurredAt", io.wechat.kit.web.Times.format(at),
                "payload", Map.of("userId", userId, "username", "user_" + userId, "displayName", displayName));
    }

    private void drainEvents() {
        for (int round = 0; round < 3; round++) {
            var received = fixture.sqs.receiveMessage(b -> b.queueUrl(fixture.eventsQueueUrl).maxNumberOfMessages(10)).messages();
            received.forEach(m -> fixture.sqs.deleteMessage(b -> b.queueUrl(fixture.eventsQueueUrl).receiptHandle(m.receiptHandle())));
        }
    }

    /** The {@code message.sent} of {@code messageId} once the stream has published it; the events before it are consumed. */
    private JsonNode messageSent(String messageId) {
        List<String> seen = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            var received = fixture.sqs.receiveMessage(b -> b.queueUrl(fixture.eventsQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (var m : received) {
                fixture.sqs.deleteMessage(b -> b.queueUrl(fixture.eventsQueueUrl).receiptHandle(m.receiptHandle()));
                JsonNode event = Json.tree(m.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                seen.add(event.path("type").asText());
                if ("message.sent".equals(event.path("type").asText())
                        && messageId.equals(event.path("payload").path("message").path("messageId").asText())) {
                    return event;
                }
            }
        }
        throw new AssertionError("No message.sent for " + messageId + "; saw " + seen);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
