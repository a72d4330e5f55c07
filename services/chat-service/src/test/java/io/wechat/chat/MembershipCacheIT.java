package io.wechat.chat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.ChatStack.User;
import io.wechat.chat.support.TestEdge;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.testing.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The members a send reads from Redis (ConversationCache): a removal drops them when its event is published, and a
 * change whose invalidation was lost (the member item changed behind the service's back) stops counting once the
 * staleness bound has passed. Against the real edge, Redis and emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembershipCacheIT {
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

    private String group(User admin, User... others) {
        var created = viaEdge.post("/conversations", admin.token(), Map.of("type", "group", "title", "cache",
                "memberIds", Arrays.stream(others).map(User::id).toList()));
        assertThat(created.toString(), created.status(), is(201));
        return created.body().path("conversationId").asText();
    }

    /**
     * The group once its creation reached the members' sockets: its event came from the stream, which dropped any
     * cached members first, so no later drop of the creation's falls between a test's steps.
     */
    private static String created(String conversationId, WsClient... members) {
        for (WsClient member : members) {
            JsonNode frame = member.next("conversation.updated");
            assertThat(frame.toString(), frame.path("conversationId").asText(), is(conversationId));
            assertThat(frame.toString(), frame.path("change").asText(), is("created"));
            assertThat(frame.toString(), frame.path("conversationType").asText(), is("group"));
        }
        return conversationId;
    }

    private String send(User sender, String conversationId, String text) {
        var sent = viaEdge.post("/conversations/" + conversationId + "/messages", sender.token(),
                Map.of("clientMessageId", text, "type", "text", "text", text));
        assertThat(sent.toString(), sent.status(), is(201));
        return sent.body().path("messageId").asText();
    }

    /** The frame of that message (frames of earlier ones, which the stream may send again, are skipped). */
    private static void assertReceives(WsClient client, String messageId) {
        JsonNode frame;
        do {
            frame = client.next("message.new");
        } while (!frame.path("message").path("messageId").asText().equals(messageId));
    }

    /** No frame of that message: the live frame, if any, is posted before the send answers. */
    private static void assertNoMessage(WsClient client, String messageId) {
        while (true) {
            JsonNode frame;
            try {
                frame = client.next(Duration.ofMillis(700));
            } catch (AssertionError quiet) {
                return;
            }
            assertThat("a removed member got " + frame, frame.path("message").path("messageId").asText().equals(messageId),
                    is(false));
        }
    }

    @Test
    void aRemovedMemberStopsReceivingOnceTheRemovalIsPublished() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        try (WsClient b = new WsClient(edge.webSocketUrl(bob.token()));
             WsClient c = new WsClient(edge.webSocketUrl(carol.token()))) {
            String id = created(group(alice, bob, carol), b, c);
            String first = send(alice, id, "before");
            assertReceives(b, first);
            assertReceives(c, first);

            assertThat(fixture.api.delete("/conversations/" + id + "/members/" + carol.id(), alice.token()).status(), is(204));
            c.next("conversation.updated");
            String second = send(alice, id, "after");

            assertReceives(b, second);
            assertNoMessage(c, second);
        }
    }

    @Test
    void aChangeTheCacheMissedCountsWithinTheStalenessBound() {
        User alice = user("Alice");
        User bob = user("Bob");
        User dan = user("Dan");
        try (WsClient b = new WsClient(edge.webSocketUrl(bob.token()));
             WsClient d = new WsClient(edge.webSocketUrl(dan.token()))) {
            String id = created(group(alice, bob, dan), b, d);
            assertReceives(d, send(alice, id, "cached"));
            // Dan's membership ends without an event (as when an invalidation is lost to a race): the cache still
            // holds him, and only the live frame (not the stream, which reads the table) reaches him.
            fixture.dynamo.deleteItem(r -> r.tableName(fixture.tables.conversations()).key(Keys.member(id, dan.id())));
            assertReceives(d, send(alice, id, "stale"));

            fixture.clock.advance(Main.MEMBERSHIP_STALENESS.plusSeconds(1));
            String fresh = send(alice, id, "fresh");

            assertReceives(b, fresh);
            assertNoMessage(d, fresh);
        }
    }
}
