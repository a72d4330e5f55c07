package io.wechat.chat.pact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import au.com.dius.pact.provider.MessageAndMetadata;
import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.MessageTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.IgnoreNoPactsToVerify;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.TestEdge;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Verifies every pact in {@code contracts/} naming chat-service as provider (run by {@code make contracts};
 * {@code -Dpact.folder=DIR} reads another folder): media-service's conversation lookups against the real service
 * (the test fixture's tables, topic and identity provider on the emulator), and notification-service's
 * message.sent events as the service published them to SNS while acting out the provider state through its API.
 */
@Provider("chat-service")
@PactFolder("${pact.folder:../../contracts}")
@IgnoreNoPactsToVerify
class ChatServicePactVerificationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestEdge edge;
    private static ChatServiceFixture fixture;
    private static Message lastEvent;
    private static WebServer media;
    private static final Map<String, String> mediaOwners = new ConcurrentHashMap<>();

    @BeforeEach
    void target(PactVerificationContext context) {
        // Each message state sets its own event: one that produced none must not verify the previous state's.
        lastEvent = null;
        if (context == null) {
            return;
        }
        if (context.getInteraction().isSynchronousRequestResponse()) {
            context.setTarget(new HttpTestTarget("127.0.0.1", fixture().server.port()));
        } else {
            context.setTarget(new MessageTestTarget(List.of(getClass().getPackageName())));
        }
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context) {
        if (context == null) {
            return; // no pact names chat-service
        }
        context.verifyInteraction();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
            edge.close();
            fixture = null;
        }
        if (media != null) {
            media.stop();
            media = null;
        }
    }

    // ---- provider states: media-service -> GET /conversations/{id} -------------------------------------------

    @State("conversation c-1 exists with member u-2")
    Map<String, Object> conversationWithMember() {
        User u1 = user("Alice");
        User u2 = user("Bob");
        return Map.of("conversationId", direct(u1, u2), "token", u2.token());
    }

    @State("conversation c-1 exists without member u-3")
    Map<String, Object> conversationWithoutMember() {
        User u1 = user("Alice");
        User u2 = user("Bob");
        User u3 = user("Eve");
        return Map.of("conversationId", direct(u1, u2), "token", u3.token());
    }

    // ---- provider states: notification-service <- message.sent -----------------------------------------------

    @State("user u-1 sends a text message to user u-2, who is offline")
    void directMessage() {
        User u1 = user("Alice");
        User u2 = user("Bob");
        lastEvent = send(u1, direct(u1, u2), "Dinner at 8?");
    }

    @State("user u-1 sends a text message to group c-1 with members u-2 and u-3, u-3 online")
    void groupMessage() {
        User u1 = user("Alice");
        User u2 = user("Bob");
        User u3 = user("Carol");
        var created = api().post("/conversations", u1.token(),
                Map.of("type", "group", "title", "Climbing", "memberIds", List.of(u2.id(), u3.id())));
        assertThat(created.toString(), created.status(), is(201));
        String conversationId = created.body().path("conversationId").asText();
        try (WsClient online = new WsClient(edge.webSocketUrl(u3.token()))) {
            // Online once the edge has the socket open (a pong came back), not just once the client saw the handshake:
            // a frame posted before then is owed to a connection still opening, and the event names u-3 only later.
            online.send(Map.of("action", "ping"));
            online.next("pong");
            lastEvent = send(u1, conversationId, "Saturday?");
        }
    }

    @State("user u-1 mentions user u-2 in a message to group c-1 with members u-2 and u-3")
    void mentionInAGroup() {
        User u1 = user("Alice");
        User u2 = user("Bob");
        User u3 = user("Carol");
        var created = api().post("/conversations", u1.token(),
                Map.of("type", "group", "title", "Climbing", "memberIds", List.of(u2.id(), u3.id())));
        assertThat(created.toString(), created.status(), is(201));
        String conversationId = created.body().path("conversationId").asText();
        var sent = api().post("/conversations/" + conversationId + "/messages", u1.token(), Map.of(
                "clientMessageId", UUID.randomUUID().toString(), "type", "text", "text", "@Bob Saturday?",
                "mentions", List.of(u2.id())));
        assertThat(sent.toString(), sent.status(), is(201));
        lastEvent = awaitEvent("message.sent", conversationId);
    }

    // ---- provider states: media-service <- media.shared ------------------------------------------------------

    @State("user u-1 forwards an image message with media md-1 to conversation c-2")
    void imageForwarded() {
        User u1 = user("Alice");
        User u2 = user("Bob");
        User u3 = user("Carol");
        String from = direct(u2, u1);
        String to = direct(u1, u3);
        String mediaId = "md-" + UUID.randomUUID();
        mediaOwners.put(mediaId, u2.id());
        var sent = api().post("/conversations/" + from + "/messages", u2.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "image", "mediaId", mediaId));
        assertThat(sent.toString(), sent.status(), is(201));
        var forwarded = api().post("/conversations/" + to + "/messages", u1.token(), Map.of(
                "clientMessageId", UUID.randomUUID().toString(),
                "forwardOf", Map.of("conversationId", from, "messageId", sent.body().path("messageId").asText())));
        assertThat(forwarded.toString(), forwarded.status(), is(201));
        lastEvent = awaitEvent("media.shared", to);
    }

    @PactVerifyProvider("a media.shared event")
    MessageAndMetadata mediaShared() {
        return published("media.shared");
    }

    // ---- provider states: media-service <- message.removed ---------------------------------------------------

    @State("a moderator removes message m-1 of conversation c-1, an image with media md-1")
    void imageRemoved() {
        User u1 = user("Alice");
        User u2 = user("Bob");
        String conversationId = direct(u1, u2);
        String mediaId = "md-" + UUID.randomUUID();
        mediaOwners.put(mediaId, u1.id());
        var sent = api().post("/conversations/" + conversationId + "/messages", u1.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "image", "mediaId", mediaId));
        assertThat(sent.toString(), sent.status(), is(201));
        String messageId = sent.body().path("messageId").asText();
        String adminId = fixture().identity.newUser("Moderator");
        var removed = api().call("DELETE", "/admin/conversations/" + conversationId + "/messages/" + messageId,
                fixture().identity.tokenWithScope(adminId, "user admin"), Map.of("reason", "graphic"));
        assertThat(removed.toString(), removed.status(), is(200));
        lastEvent = awaitEvent("message.removed", conversationId);
    }

    @PactVerifyProvider("a message.removed event")
    MessageAndMetadata messageRemoved() {
        return published("message.removed");
    }

    @PactVerifyProvider("a message.sent event")
    MessageAndMetadata messageSent() {
        return published("message.sent");
    }

    @PactVerifyProvider("a message.sent event with a mention")
    MessageAndMetadata messageSentWithAMention() {
        return published("message.sent");
    }

    @PactVerifyProvider("a message.sent event in a group")
    MessageAndMetadata messageSentInAGroup() {
        return published("message.sent");
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private record User(String id, String token) {
    }

    /**
     * media-service as chat-service asks it before an image message: each media the states register is ready and
     * owned by its user.
     */
    private static synchronized String mediaService() {
        if (media == null) {
            media = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.get("/media/{mediaId}", (req, res) -> {
                String owner = mediaOwners.get(req.path().pathParameters().get("mediaId"));
                if (owner == null) {
                    res.status(Status.NOT_FOUND_404).send();
                    return;
                }
                res.header(HeaderValues.CONTENT_TYPE_JSON).send("{\"status\":\"ready\",\"ownerId\":\"" + owner + "\"}");
            })).build().start();
        }
        return "http://127.0.0.1:" + media.port();
    }

    private static synchronized ChatServiceFixture fixture() {
        if (fixture == null) {
            edge = new TestEdge();
            fixture = new ChatServiceFixture(edge.url(), mediaService());
            edge.start("http://127.0.0.1:" + fixture.server.port(), fixture.identity, fixture.messagesStreamArn());
        }
        return fixture;
    }

    private static Api api() {
        return fixture().api;
    }

    private static User user(String displayName) {
        String id = fixture().identity.newUser(displayName);
        return new User(id, fixture().identity.token(id));
    }

    private static String direct(User from, User to) {
        var created = api().post("/conversations", from.token(), Map.of("type", "direct", "memberIds", List.of(to.id())));
        assertThat(created.toString(), created.status(), is(201));
        return created.body().path("conversationId").asText();
    }

    /** Sends a text message through the API and answers the message.sent event SNS delivered for it. */
    private static Message send(User from, String conversationId, String text) {
        var sent = api().post("/conversations/" + conversationId + "/messages", from.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "text", "text", text));
        assertThat(sent.toString(), sent.status(), is(201));
        return awaitEvent("message.sent", conversationId);
    }

    /** The first event of this type for this conversation that SNS delivered, within 60 s. */
    private static Message awaitEvent(String type, String conversationId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (Message message : fixture().sqs.receiveMessage(r -> r.queueUrl(fixture().eventsQueueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages()) {
                fixture().sqs.deleteMessage(r -> r.queueUrl(fixture().eventsQueueUrl).receiptHandle(message.receiptHandle()));
                JsonNode body = read(message.body());
                if (body.path("type").asText().equals(type)
                        && body.path("payload").path("conversationId").asText().equals(conversationId)) {
                    return message;
                }
            }
        }
        throw new AssertionError("no " + type + " event for " + conversationId + " within 60 s");
    }

    /**
     * The SNS message body (the envelope) as the subscribed queue received it, with every message attribute the
     * service set as metadata (plus Pact's own {@code contentType}, which tells it how to read the body).
     */
    private static MessageAndMetadata published(String type) {
        assertThat("the provider state produced an event", lastEvent, is(notNullValue()));
        assertThat(read(lastEvent.body()).path("type").asText(), is(type));
        Map<String, Object> metadata = new HashMap<>();
        lastEvent.messageAttributes().forEach((name, value) -> metadata.put(name, value.stringValue()));
        metadata.put("contentType", "application/json");
        return new MessageAndMetadata(lastEvent.body().getBytes(StandardCharsets.UTF_8), metadata);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
