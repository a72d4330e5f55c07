package io.wechat.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.StreamRecords;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.Api.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** Replies, delete for me, reactions, mentions and forwarding against the real emulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageFeaturesIT {
    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private static final String HEART = "\u2764\uFE0F";
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

    private record User(String id, String token) {
    }

    private User user(String name) {
        String id = fixture.identity.newUser(name);
        return new User(id, fixture.identity.token(id));
    }

    private String direct(User from, User to) {
        Response created = api.post("/conversations", from.token(), Map.of("type", "direct", "memberIds", List.of(to.id())));
        assertThat(created.toString(), created.status(), is(201));
        return created.body().path("conversationId").asText();
    }

    private String group(User admin, User... members) {
        Response created = api.post("/conversations", admin.token(), Map.of("type", "group", "title", "Team",
                "memberIds", java.util.Arrays.stream(members).map(User::id).toList()));
        assertThat(created.toString(), created.status(), is(201));
        return created.body().path("conversationId").asText();
    }

    private Response send(User from, String conversationId, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("clientMessageId", "c-" + UUID.randomUUID());
        return api.post("/conversations/" + conversationId + "/messages", from.token(), body);
    }

    private JsonNode text(User from, String conversationId, String text) {
        Response response = send(from, conversationId, Map.of("type", "text", "text", text));
        assertThat(response.toString(), response.status(), is(201));
        return response.body();
    }

    private List<String> history(User user, String conversationId) {
        List<String> ids = new ArrayList<>();
        api.get("/conversations/" + conversationId + "/messages?limit=100", user.token()).body().path("items")
                .forEach(m -> ids.add(m.path("messageId").asText()));
        return ids;
    }

    private JsonNode newest(User user, String conversationId) {
        return api.get("/conversations/" + conversationId + "/messages?limit=1", user.token()).body().path("items").get(0);
    }

    private JsonNode listed(User user, String conversationId) {
        for (JsonNode item : api.get("/conversations?limit=100", user.token()).body().path("items")) {
            if (item.path("conversationId").asText().equals(conversationId)) {
                return item;
            }
        }
        throw new AssertionError("conversation " + conversationId + " not listed for " + user.id());
    }

    private static String reactionPath(String conversationId, String messageId, String reaction) {
        return "/conversations/" + conversationId + "/messages/" + messageId + "/reactions/"
                + URLEncoder.encode(reaction, StandardCharsets.UTF_8);
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.toString(), response.status(), is(status));
        assertThat(response.toString(), response.errorCode(), is(code));
    }

    @Test
    void aReplyQuotesItsOriginalAndShowsWhenTheOriginalIsRecalled() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        JsonNode original = text(alice, id, "Lunch at " + "noon ".repeat(30));
        Response reply = send(bob, id, Map.of("type", "text", "text", "Yes", "replyTo", original.path("messageId").asText()));
        assertThat(reply.toString(), reply.status(), is(201));
        JsonNode quote = reply.body().path("replyTo");
        assertThat(quote.path("messageId").asText(), is(original.path("messageId").asText()));
        assertThat(quote.path("senderId").asText(), is(alice.id()));
        assertThat(quote.path("preview").asText().codePointCount(0, quote.path("preview").asText().length()), is(100));

        assertThat(api.delete("/conversations/" + id + "/messages/" + original.path("messageId").asText(), alice.token()).status(), is(200));
        JsonNode shown = newest(alice, id).path("replyTo");
        assertThat(shown.path("recalled").asBoolean(), is(true));
        assertThat(shown.path("preview").isNull(), is(true));

        String other = direct(alice, user("Carol"));
        String elsewhere = text(alice, other, "elsewhere").path("messageId").asText();
        assertError(send(alice, id, Map.of("type", "text", "text", "x", "replyTo", elsewhere)), 400, "invalid_reply_to");
        assertError(send(alice, id, Map.of("type", "text", "text", "x", "replyTo", "no-such-message")), 400, "invalid_reply_to");
    }

    @Test
    void deleteForMeHidesTheMessageFromTheCallerOnlyInHistoryAndUnreadCount() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        String first = text(alice, id, "one").path("messageId").asText();
        String second = text(alice, id, "two").path("messageId").asText();
        assertThat(listed(bob, id).path("unreadCount").asLong(), is(2L));

        Response deleted = api.delete("/conversations/" + id + "/messages/" + second + "?for=me", bob.token());
        assertThat(deleted.toString(), deleted.status(), is(204));
        assertThat(api.delete("/conversations/" + id + "/messages/" + second + "?for=me", bob.token()).status(), is(204));
        assertThat(history(bob, id), contains(first));
        assertThat(history(alice, id), contains(second, first));
        assertThat(listed(bob, id).path("unreadCount").asLong(), is(1L));
        assertThat(listed(alice, id).path("unreadCount").asLong(), is(0L));

        assertError(api.delete("/conversations/" + id + "/messages/" + first + "?for=everyone", bob.token()), 400, "invalid_for");
        assertError(api.delete("/conversations/" + id + "/messages/no-such?for=me", bob.token()), 404, "message_not_found");
        assertError(api.delete("/conversations/" + id + "/messages/" + first + "?for=me", user("Eve").token()), 404,
                "conversation_not_found");
    }

    @Test
    void aMentionMarkLostAfterTheSendIsWrittenFromTheMessagesStream() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = group(alice, bob);
        Response mention = send(alice, id, Map.of("type", "text", "text", "@Bob look", "mentions", List.of(bob.id())));
        assertThat(mention.toString(), mention.status(), is(201));
        // As if the process died between the send's commit and its mark.
        fixture.dynamo.updateItem(b -> b.tableName(fixture.tables.conversations()).key(Keys.member(id, bob.id()))
                .updateExpression("REMOVE mentioned_seq"));
        assertThat(listed(bob, id).path("mentioned").asBoolean(), is(false));

        var record = StreamRecords.insert(fixture.messagesStreamArn(), mention.body(), "900");
        Response delivered = api.post("/events", null, StreamRecords.batch(record));
        assertThat(delivered.toString(), delivered.body().path("batchItemFailures").size(), is(0));
        assertThat(listed(bob, id).path("mentioned").asBoolean(), is(true));
        assertThat("the record again changes nothing", api.post("/events", null, StreamRecords.batch(record))
                .body().path("batchItemFailures").size(), is(0));
        assertThat(listed(bob, id).path("mentioned").asBoolean(), is(true));
    }

    @Test
    void reactionsAreCountedOncePerUserUnderConcurrentCalls() throws Exception {
        User alice = user("Alice");
        List<User> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(user("Member " + i));
        }
        String id = group(alice, members.toArray(User[]::new));
        String messageId = text(alice, id, "React to me").path("messageId").asText();
        String path = reactionPath(id, messageId, THUMBS_UP);

        // Every member puts the same reaction four times at once: five reactors, counted once each.
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> calls = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (User member : members) {
                for (int i = 0; i < 4; i++) {
                    calls.add(executor.submit(() -> {
                        go.await();
                        return api.put(path, member.token(), null);
                    }));
                }
            }
            go.countDown();
            for (Future<Response> call : calls) {
                assertThat(call.get().toString(), call.get().status(), is(200));
            }
        }
        JsonNode reactions = newest(alice, id).path("reactions");
        assertThat(reactions.toString(), reactions.size(), is(1));
        assertThat(reactions.get(0).path("reaction").asText(), is(THUMBS_UP));
        assertThat(reactions.get(0).path("count").asInt(), is(5));
        assertThat(reactions.get(0).path("mine").asBoolean(), is(false));
        assertThat(newest(members.getFirst(), id).path("reactions").get(0).path("mine").asBoolean(), is(true));

        // Taking it back concurrently, twice each: none left.
        calls.clear();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (User member : members) {
                for (int i = 0; i < 2; i++) {
                    calls.add(executor.submit(() -> api.delete(path, member.token())));
                }
            }
            for (Future<Response> call : calls) {
                assertThat(call.get().toString(), call.get().status(), is(200));
            }
        }
        assertThat(newest(alice, id).path("reactions").size(), is(0));

        Response heart = api.put(reactionPath(id, messageId, "\u2764"), alice.token(), null);
        assertThat(heart.toString(), heart.body().path("reactions").get(0).path("reaction").asText(), is(HEART));
        assertThat(heart.body().path("reactions").get(0).path("mine").asBoolean(), is(true));
        assertError(api.put(reactionPath(id, messageId, "dog"), alice.token(), null), 400, "invalid_reaction");
        assertError(api.put(reactionPath(id, messageId, THUMBS_UP), user("Eve").token(), null), 404, "conversation_not_found");
        assertError(api.put(reactionPath(id, "no-such", THUMBS_UP), alice.token(), null), 404, "message_not_found");
    }

    @Test
    void mentionsAreForMembersAndMarkTheConversationUntilReadPast() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        String id = group(alice, bob, carol);
        assertError(send(alice, id, Map.of("type", "text", "text", "@Eve", "mentions", List.of(user("Eve").id()))),
                400, "invalid_mentions");
        assertError(send(bob, id, Map.of("type", "text", "text", "@all", "mentionAll", true)), 403, "not_admin");
        assertError(send(alice, direct(alice, bob), Map.of("type", "text", "text", "@all", "mentionAll", true)), 400, "not_a_group");

        Response mention = send(alice, id, Map.of("type", "text", "text", "@Bob look", "mentions", List.of(bob.id())));
        assertThat(mention.toString(), mention.status(), is(201));
        assertThat(mention.body().path("mentions").get(0).asText(), is(bob.id()));
        text(alice, id, "and later");
        assertThat(listed(bob, id).path("mentioned").asBoolean(), is(true));
        assertThat(listed(carol, id).path("mentioned").asBoolean(), is(false));

        // Reading up to the mention clears it.
        api.post("/conversations/" + id + "/read", bob.token(), Map.of("messageId", mention.body().path("messageId").asText()));
        assertThat(listed(bob, id).path("mentioned").asBoolean(), is(false));

        Response all = send(alice, id, Map.of("type", "text", "text", "@all meeting", "mentionAll", true));
        assertThat(all.toString(), all.body().path("mentionAll").asBoolean(), is(true));
        assertThat(listed(bob, id).path("mentioned").asBoolean(), is(true));
        assertThat(listed(carol, id).path("mentioned").asBoolean(), is(true));
        assertThat(listed(alice, id).path("mentioned").asBoolean(), is(false));
    }

    @Test
    void aForwardIsACopyForMembersOfBothConversations() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        String from = direct(alice, bob);
        String to = direct(alice, carol);
        String original = text(bob, from, "Worth sharing").path("messageId").asText();

        Response forwarded = send(alice, to, Map.of("forwardOf", Map.of("conversationId", from, "messageId", original)));
        assertThat(forwarded.toString(), forwarded.status(), is(201));
        assertThat(forwarded.body().path("forwarded").asBoolean(), is(true));
        assertThat(forwarded.body().path("text").asText(), is("Worth sharing"));
        assertThat(forwarded.body().path("senderId").asText(), is(alice.id()));
        assertThat(newest(carol, to).path("messageId").asText(), is(forwarded.body().path("messageId").asText()));

        // Carol is not in the original conversation: as if it did not exist.
        assertError(send(carol, to, Map.of("forwardOf", Map.of("conversationId", from, "messageId", original))),
                404, "conversation_not_found");
        assertError(send(alice, to, Map.of("forwardOf", Map.of("conversationId", from, "messageId", "no-such"))),
                404, "message_not_found");
        assertError(send(alice, to, Map.of("type", "text", "text", "x",
                "forwardOf", Map.of("conversationId", from, "messageId", original))), 400, "invalid_forward");
        String recalled = text(alice, from, "oops").path("messageId").asText();
        api.delete("/conversations/" + from + "/messages/" + recalled, alice.token());
        assertError(send(alice, to, Map.of("forwardOf", Map.of("conversationId", from, "messageId", recalled))),
                409, "not_forwardable");
        assertThat(history(carol, to), not(contains(recalled)));
    }
}
