package io.wechat.chat.support;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.Api;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The setup the chat-service integration tests share, as a JUnit extension on a static field
 * ({@code @RegisterExtension static final ChatStack stack = ChatStack.behindEdge();}): chat-service on the emulator,
 * on a set of tables and a topic from Terraform claimed for the class ({@link ChatServiceFixture}), with or without
 * the real edge in front, started once per test class; and the steps every scenario begins with: new users with
 * tokens, conversations, messages, sockets, user-service's events.
 */
public final class ChatStack implements BeforeAllCallback, AfterAllCallback {
    private final boolean behindEdge;
    private ChatServiceFixture fixture;
    private TestEdge edge;
    private Api api;

    /** A user the test identity knows, with an access token. */
    public record User(String id, String token) {
    }

    private ChatStack(boolean behindEdge) {
        this.behindEdge = behindEdge;
    }

    /** chat-service behind the real edge, which also delivers the messages table's stream to its POST /events. */
    public static ChatStack behindEdge() {
        return new ChatStack(true);
    }

    /** chat-service alone, called directly. */
    public static ChatStack direct() {
        return new ChatStack(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (behindEdge) {
            edge = new TestEdge();
            fixture = new ChatServiceFixture(edge.url(), "http://127.0.0.1:9");
            edge.start("http://127.0.0.1:" + fixture.server.port(), fixture.identity, fixture.messagesStreamArn());
            api = new Api(edge.url());
        } else {
            fixture = new ChatServiceFixture();
            api = fixture.api;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (fixture != null) {
            fixture.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    public ChatServiceFixture fixture() {
        return fixture;
    }

    public TestEdge edge() {
        if (edge == null) {
            throw new IllegalStateException("this stack runs without the edge: use ChatStack.behindEdge()");
        }
        return edge;
    }

    /** The service's API: through the edge when there is one. */
    public Api api() {
        return api;
    }

    public User user(String name) {
        String id = fixture.identity.newUser(name);
        return new User(id, fixture.identity.token(id));
    }

    /** A new direct conversation of {@code from} with {@code to}: its id. */
    public String direct(User from, User to) {
        return created(api.post("/conversations", from.token(), Map.of("type", "direct", "memberIds", List.of(to.id()))));
    }

    /** A new group "Team" of {@code owner} with {@code members}: its id. */
    public String group(User owner, User... members) {
        return created(api.post("/conversations", owner.token(), Map.of("type", "group", "title", "Team",
                "memberIds", Arrays.stream(members).map(User::id).toList())));
    }

    /** The id of the conversation a {@code POST /conversations} created (asserting that it did). */
    public static String created(Api.Response response) {
        assertThat(response.toString(), response.status(), is(201));
        return response.body().path("conversationId").asText();
    }

    /** Sends a message of these {@code fields} with a new clientMessageId; the answer as it comes. */
    public Api.Response send(User from, String conversationId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("clientMessageId", "c-" + UUID.randomUUID());
        return api.post("/conversations/" + conversationId + "/messages", from.token(), body);
    }

    /** Sends a text message (asserting it was accepted): the message. */
    public JsonNode text(User from, String conversationId, String text) {
        Api.Response response = send(from, conversationId, Map.of("type", "text", "text", text));
        assertThat(response.toString(), response.status(), is(201));
        return response.body();
    }

    /** A socket of {@code user} through the edge. */
    public WsClient connect(User user) {
        return new WsClient(edge().webSocketUrl(user.token()));
    }

    /** A socket of one session of {@code userId} through the edge, known to be open (it answered a ping). */
    public WsClient connect(String userId, String sessionId) {
        WsClient socket = new WsClient(edge().webSocketUrl(fixture.identity.sessionToken(userId, sessionId)));
        socket.send(Map.of("action", "ping"));
        assertThat("connected", socket.next("pong").path("type").asText(), is("pong"));
        return socket;
    }

    /** Delivers one of user-service's events as an SQS batch of one; answers whether it was processed. */
    public boolean deliverUserEvent(String type, Map<String, Object> payload) {
        String body = EventEnvelope.of(type, payload, fixture.clock).toJson();
        var response = fixture.services.userEvents().handle(List.of(new SqsBatch.Record("m-1", body)));
        return response.batchItemFailures().isEmpty();
    }

    /** A 4xx answer with this status and error code. */
    public static void assertError(Api.Response response, int status, String code) {
        assertThat(response.toString(), response.status(), is(status));
        assertThat(response.toString(), response.errorCode(), is(code));
    }
}
