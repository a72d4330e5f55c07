package io.wechat.chat.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.TestEdge;
import io.wechat.chat.support.WsClient;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.ProfileProjection;
import io.wechat.chat.users.UserProfile;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * user.deleted through chat-service's real queue handler, against the real DynamoDB (emulator), Redis and local edge:
 * the user's sockets close, they leave their groups, their messages stay in others' histories as from "Deleted user",
 * and a redelivery changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountDeletionIT {
    private static final Duration CLOSE = Duration.ofSeconds(5);

    private TestEdge edge;
    private ChatServiceFixture fixture;
    private Api api;

    @BeforeAll
    void start() {
        edge = new TestEdge();
        fixture = new ChatServiceFixture(edge.url(), "http://127.0.0.1:9");
        edge.start("http://127.0.0.1:" + fixture.server.port(), fixture.identity, fixture.messagesStreamArn());
        api = new Api(edge.url());
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void aDeletedUserIsErasedOrAnonymisedAndTheirMessagesStayForOthers() {
        String alice = fixture.identity.newUser("Alice");
        String bob = fixture.identity.newUser("Bob");
        String carol = fixture.identity.newUser("Carol");
        fixture.identity.makeContacts(alice, bob);
        fixture.identity.makeContacts(alice, carol);
        deliver("user.registered", Map.of("userId", alice, "username", "alice_" + alice.substring(0, 6),
                                          "displayName", "Alice"));
        deliver("user.blocked", Map.of("blockerId", alice, "blockedId", carol));
        String group = created(api.post("/conversations", fixture.identity.token(alice),
                                        Map.of("type", "group", "title", "Friends", "memberIds", List.of(bob, carol))));
        String direct = created(api.post("/conversations", fixture.identity.token(alice),
                                         Map.of("type", "direct", "memberIds", List.of(bob))));
        Api.Response sent = api.post("/conversations/" + direct + "/messages", fixture.identity.token(alice),
                                     Map.of("clientMessageId", "c-" + UUID.randomUUID(), "type", "text", "text", "bye"));
        assertThat(sent.toString(), sent.status(), is(201));
        WsClient socket = connect(alice);

        assertThat(deliver("user.deleted", Map.of("userId", alice)), is(true));

        assertThat(socket.next("session.ended").path("reason").asText(), is("account_deleted"));
        assertThat(socket.awaitClosed(CLOSE), is(1000));
        assertThrows(CompletionException.class, () -> connect(alice), "a deleted user's token opens nothing");

        JsonNode members = api.get("/conversations/" + group, fixture.identity.token(bob)).body().path("members");
        List<String> memberIds = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        members.forEach(m -> {
            memberIds.add(m.path("userId").asText());
            roles.add(m.path("role").asText());
        });
        assertThat(memberIds, not(hasItem(alice)));
        assertThat(memberIds.size(), is(2));
        assertThat("ownership passed on: the group keeps an owner", roles, hasItem("owner"));

        JsonNode history = api.get("/conversations/" + direct + "/messages", fixture.identity.token(bob)).body();
        assertThat(history.path("items").get(0).path("senderId").asText(), is(alice));
        assertThat(history.path("items").get(0).path("text").asText(), is("bye"));

        UserProfile projected = new ProfileProjection(fixture.dynamo, fixture.tables.conversations()).find(alice)
                .orElseThrow();
        assertThat(projected.shownName(), is(UserProfile.DELETED_NAME));
        assertThat(projected.username(), nullValue());
        assertThat(new BlockStore(fixture.dynamo, fixture.tables.conversations()).isBlocked(alice, carol), is(false));

        assertThat("a redelivery (another copy) finds everything done", deliver("user.deleted", Map.of("userId", alice)),
                   is(true));
        assertThat("a late profile event does not bring the name back",
                   deliver("user.profile-updated", Map.of("userId", alice, "username", "alice", "displayName", "Alice")),
                   is(true));
        assertThat(new ProfileProjection(fixture.dynamo, fixture.tables.conversations()).find(alice).orElseThrow()
                           .shownName(), is(UserProfile.DELETED_NAME));
    }

    private static String created(Api.Response response) {
        assertThat(response.toString(), response.status(), is(201));
        return response.body().path("conversationId").asText();
    }

    private WsClient connect(String user) {
        WsClient socket = new WsClient(edge.webSocketUrl(fixture.identity.sessionToken(user, UUID.randomUUID().toString())));
        socket.send(Map.of("action", "ping"));
        assertThat("connected", socket.next("pong").path("type").asText(), is("pong"));
        return socket;
    }

    /** Delivers one of user-service's events as an SQS batch of one; answers whether it was processed. */
    private boolean deliver(String type, Map<String, Object> payload) {
        String body = EventEnvelope.of(type, payload, fixture.clock).toJson();
        var response = fixture.services.userEvents().handle(List.of(new SqsBatch.Record("m-1", body)));
        return response.batchItemFailures().isEmpty();
    }
}
