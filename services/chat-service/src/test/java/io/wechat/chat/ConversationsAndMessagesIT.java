package io.wechat.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.kit.testing.Api.Response;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.DynamoDbThrottling;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

/** Conversations, messages, paging, idempotency, recall and receipts against the real emulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationsAndMessagesIT {
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

    @Test
    void aDynamoDbThrottleIs429WithRetryAfter() throws Exception {
        Main.Services throttled = fixture.services(DynamoDbThrottling.client());
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .update(builder -> Main.server(builder, throttled)).build().start();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/conversations"))
                    .header("Authorization", "Bearer " + user("Throttled").token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body(), response.statusCode(), is(429));
            assertThat(response.headers().firstValue("Retry-After").orElse(""), is("1"));
            assertThat(Json.tree(response.body().getBytes()).path("error").path("code").asText(), is("throttled"));
        } finally {
            server.stop();
        }
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

    private Response send(User from, String conversationId, String clientMessageId, String text) {
        return api.post("/conversations/" + conversationId + "/messages", from.token(),
                Map.of("clientMessageId", clientMessageId, "type", "text", "text", text));
    }

    private JsonNode sent(User from, String conversationId, String text) {
        Response response = send(from, conversationId, "c-" + java.util.UUID.randomUUID(), text);
        assertThat(response.toString(), response.status(), is(201));
        return response.body();
    }

    private JsonNode listed(User user, String conversationId) {
        for (JsonNode item : api.get("/conversations?limit=100", user.token()).body().path("items")) {
            if (item.path("conversationId").asText().equals(conversationId)) {
                return item;
            }
        }
        throw new AssertionError("conversation " + conversationId + " not listed for " + user.id());
    }

    @Test
    void directConversationIsOnePerPairEver() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        Response again = api.post("/conversations", bob.token(), Map.of("type", "direct", "memberIds", List.of(alice.id())));
        assertThat(again.status(), is(200));
        assertThat(again.body().path("conversationId").asText(), is(id));
        assertThat(again.body().path("peerId").asText(), is(alice.id()));
        Response got = api.get("/conversations/" + id, bob.token());
        assertThat(got.body().path("members").size(), is(2));
        assertThat(got.body().path("type").asText(), is("direct"));
    }

    @Test
    void pagesThroughAllMessagesWithoutGapOrRepeatWhileMessagesArriveAndReadsThemAll() throws Exception {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        List<String> originals = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            originals.add(sent(alice, id, "message " + i).path("messageId").asText());
        }
        assertThat(listed(bob, id).path("unreadCount").asLong(), is(250L));
        assertThat(listed(alice, id).path("unreadCount").asLong(), is(0L));

        AtomicBoolean paging = new AtomicBoolean(true);
        List<String> seen = new ArrayList<>();
        try (var executor = Executors.newSingleThreadExecutor()) {
            Future<Integer> arriving = executor.submit(() -> {
                int count = 0;
                while (paging.get() && count < 40) {
                    sent(alice, id, "late " + count++);
                }
                return count;
            });
            String cursor = null;
            String newest = null;
            do {
                String path = "/conversations/" + id + "/messages?limit=37" + (cursor == null ? "" : "&cursor=" + cursor);
                Response page = api.get(path, bob.token());
                assertThat(page.toString(), page.status(), is(200));
                for (JsonNode message : page.body().path("items")) {
                    if (newest == null) {
                        newest = message.path("messageId").asText();
                    }
                    seen.add(message.path("messageId").asText());
                }
                cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText();
            } while (cursor != null);
            paging.set(false);
            arriving.get();
        }
        // Everything from the first page's newest message down: the 250 originals, newest first, each once.
        List<String> expected = new ArrayList<>(originals.reversed());
        int firstOriginal = seen.indexOf(expected.getFirst());
        assertThat(seen.subList(firstOriginal, seen.size()), is(expected));
        assertThat(new HashSet<>(seen).size(), is(seen.size()));

        JsonNode newestNow = api.get("/conversations/" + id + "/messages?limit=1", bob.token()).body().path("items").get(0);
        Response read = api.post("/conversations/" + id + "/read", bob.token(), Map.of("messageId", newestNow.path("messageId").asText()));
        assertThat(read.toString(), read.status(), is(200));
        assertThat(read.body().path("unreadCount").asLong(), is(0L));
        assertThat(listed(bob, id).path("unreadCount").asLong(), is(0L));
    }

    @Test
    void sinceReturnsLaterMessagesOldestFirst() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(sent(alice, id, "m" + i).path("messageId").asText());
        }
        List<String> synced = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get("/conversations/" + id + "/messages?limit=2&since=" + ids.get(1)
                    + (cursor == null ? "" : "&cursor=" + cursor), bob.token());
            assertThat(page.toString(), page.status(), is(200));
            page.body().path("items").forEach(m -> synced.add(m.path("messageId").asText()));
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText();
        } while (cursor != null);
        assertThat(synced, is(ids.subList(2, 6)));
    }

    @Test
    void identicalConcurrentSendsYieldOneMessage() throws Exception {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> attempts = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(5)) {
            for (int i = 0; i < 5; i++) {
                attempts.add(executor.submit(() -> {
                    start.await();
                    return send(alice, id, "same-client-id", "hello once");
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        Set<String> messageIds = new HashSet<>();
        List<String> answers = new ArrayList<>();
        for (Future<Response> attempt : attempts) {
            answers.add(attempt.get().toString());
            statuses.add(attempt.get().status());
            messageIds.add(attempt.get().body().path("messageId").asText());
        }
        assertThat(answers.toString(), statuses, containsInAnyOrder(201, 200, 200, 200, 200));
        assertThat(messageIds.size(), is(1));
        assertThat(api.get("/conversations/" + id + "/messages", bob.token()).body().path("items").size(), is(1));
        assertThat(send(alice, id, "same-client-id", "hello once").status(), is(200));
    }

    @Test
    void recallWorksForTheSenderWithinTwoMinutesAndLeavesATombstone() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        String early = sent(alice, id, "oops").path("messageId").asText();
        Response notMine = api.delete("/conversations/" + id + "/messages/" + early, bob.token());
        assertThat(notMine.status(), is(403));
        assertThat(notMine.errorCode(), is("not_sender"));

        fixture.clock.advance(Duration.ofSeconds(90));
        Response recalled = api.delete("/conversations/" + id + "/messages/" + early, alice.token());
        assertThat(recalled.toString(), recalled.status(), is(200));
        assertThat(recalled.body().path("recalled").asBoolean(), is(true));
        assertThat(recalled.body().path("text").isNull(), is(true));
        JsonNode tombstone = api.get("/conversations/" + id + "/messages", bob.token()).body().path("items").get(0);
        assertThat(tombstone.path("recalled").asBoolean(), is(true));
        assertThat(tombstone.path("text").isNull(), is(true));

        String late = sent(alice, id, "too late").path("messageId").asText();
        fixture.clock.advance(Duration.ofSeconds(121));
        Response expired = api.delete("/conversations/" + id + "/messages/" + late, alice.token());
        assertThat(expired.status(), is(403));
        assertThat(expired.errorCode(), is("recall_window_expired"));
    }

    @Test
    void onlyTheSenderEditsAndEditsShow() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        JsonNode original = sent(alice, id, "helo");
        String messageId = original.path("messageId").asText();
        Response edited = api.patch("/conversations/" + id + "/messages/" + messageId, alice.token(), Map.of("text", "hello"));
        assertThat(edited.toString(), edited.status(), is(200));
        assertThat(edited.body().path("text").asText(), is("hello"));
        assertThat(Instant.parse(edited.body().path("editedAt").asText()),
                is(both(greaterThanOrEqualTo(Instant.parse(original.path("createdAt").asText())))
                        .and(lessThanOrEqualTo(fixture.clock.instant()))));
        assertThat(api.patch("/conversations/" + id + "/messages/" + messageId, bob.token(), Map.of("text", "x")).errorCode(),
                is("not_sender"));
        assertThat(listed(bob, id).path("lastMessage").path("preview").asText(), is("hello"));
    }

    @Test
    void outsidersGetNotFoundOnEveryRoute() {
        User alice = user("Alice");
        User bob = user("Bob");
        User eve = user("Eve");
        String id = direct(alice, bob);
        String messageId = sent(alice, id, "private").path("messageId").asText();
        String c = "/conversations/" + id;
        List<Response> answers = List.of(
                api.get(c, eve.token()),
                api.patch(c, eve.token(), Map.of("title", "mine")),
                api.get(c + "/members", eve.token()),
                api.post(c + "/members", eve.token(), Map.of("userIds", List.of(eve.id()))),
                api.delete(c + "/members/" + alice.id(), eve.token()),
                api.delete(c + "/members/" + eve.id(), eve.token()),
                api.post(c + "/messages", eve.token(), Map.of("clientMessageId", "x", "type", "text", "text", "hi")),
                api.post(c + "/messages", eve.token(), "{not json"),
                api.get(c + "/messages", eve.token()),
                api.get(c + "/messages?since=" + messageId, eve.token()),
                api.patch(c + "/messages/" + messageId, eve.token(), Map.of("text", "x")),
                api.delete(c + "/messages/" + messageId, eve.token()),
                api.post(c + "/read", eve.token(), Map.of("messageId", messageId)),
                api.get("/conversations/does-not-exist", eve.token()));
        for (Response answer : answers) {
            assertThat(answer.toString(), answer.status(), is(404));
            assertThat(answer.toString(), answer.errorCode(), is("conversation_not_found"));
        }
        assertThat(api.get("/conversations", eve.token()).body().path("items").size(), is(0));
    }

    @Test
    void badInputGetsApiErrors() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = direct(alice, bob);
        String messages = "/conversations/" + id + "/messages";
        assertError(api.post(messages, alice.token(), Map.of("clientMessageId", "a", "type", "text", "text", "x".repeat(4001))),
                400, "text_too_long");
        assertThat(send(alice, id, "b", "y".repeat(4000)).status(), is(201));
        assertError(api.post(messages, alice.token(), Map.of("clientMessageId", "c", "type", "video", "text", "x")), 400, "invalid_type");
        assertError(api.post(messages, alice.token(), Map.of("type", "text", "text", "x")), 400, "invalid_client_message_id");
        assertError(api.post(messages, alice.token(), Map.of("clientMessageId", "d", "type", "image")), 400, "invalid_media_id");
        assertError(api.post(messages, alice.token(), "{\"clientMessageId\": "), 400, "invalid_json");
        assertError(api.post(messages, alice.token(), "[1,2]"), 400, "invalid_json");
        assertError(api.get(messages + "?cursor=bm90LWEtY3Vyc29y", alice.token()), 400, "invalid_cursor");
        assertError(api.get(messages + "?cursor=%25%25%25", alice.token()), 400, "invalid_cursor");
        assertError(api.get(messages + "?limit=500", alice.token()), 400, "invalid_limit");
        assertError(api.get("/conversations?cursor=e30", alice.token()), 400, "invalid_cursor");
        assertError(api.post(messages, alice.token(), "{\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413, "payload_too_large");
        assertError(api.post("/conversations", alice.token(), Map.of("type", "direct", "memberIds", List.of("u-nobody"))),
                404, "user_not_found");
        assertError(api.post("/conversations", alice.token(), Map.of("type", "channel", "memberIds", List.of(bob.id()))),
                400, "invalid_type");
        assertError(api.post("/conversations", alice.token(), Map.of("type", "direct")), 400, "invalid_member_ids");
        assertError(api.get("/conversations", null), 401, "unauthorized");
        assertError(api.get("/conversations", "not.a.token"), 401, "unauthorized");
        String foreign = fixture.identity.token(alice.id(), "http://other-issuer", "wechat-app",
                java.time.Instant.now().plusSeconds(600));
        assertError(api.get("/conversations", foreign), 401, "unauthorized");
        String expired = fixture.identity.token(alice.id(), io.wechat.chat.support.TestIdentity.ISSUER, "wechat-app",
                java.time.Instant.now().minusSeconds(600));
        assertError(api.get("/conversations", expired), 401, "unauthorized");
        assertError(api.get("/nowhere", alice.token()), 404, "not_found");
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.toString(), response.status(), is(status));
        assertThat(response.toString(), response.errorCode(), is(code));
    }

    @Test
    void groupsHaveAnOwnerAdminsMembersAndTitles() {
        User admin = user("Admin");
        User bob = user("Bob");
        User carol = user("Carol");
        User dave = user("Dave");
        Response created = api.post("/conversations", admin.token(),
                Map.of("type", "group", "title", "Team", "memberIds", List.of(bob.id(), carol.id())));
        assertThat(created.toString(), created.status(), is(201));
        String id = created.body().path("conversationId").asText();
        assertThat(created.body().path("memberCount").asInt(), is(3));
        assertThat(created.body().path("myRole").asText(), is("owner"));

        assertError(api.post("/conversations/" + id + "/members", bob.token(), Map.of("userIds", List.of(dave.id()))), 403, "not_admin");
        Response added = api.post("/conversations/" + id + "/members", admin.token(), Map.of("userIds", List.of(dave.id())));
        assertThat(added.toString(), added.status(), is(200));
        assertThat(api.get("/conversations/" + id, dave.token()).body().path("memberCount").asInt(), is(4));

        assertError(api.patch("/conversations/" + id, carol.token(), Map.of("title", "Team 2")), 403, "not_admin");
        Response renamed = api.patch("/conversations/" + id, admin.token(), Map.of("title", "Team 2"));
        assertThat(renamed.body().path("title").asText(), is("Team 2"));
        assertError(api.patch("/conversations/" + id, admin.token(), Map.of()), 400, "invalid_update");

        assertError(api.delete("/conversations/" + id + "/members/" + carol.id(), bob.token()), 403, "not_admin");
        assertThat(api.delete("/conversations/" + id + "/members/" + carol.id(), admin.token()).status(), is(204));
        assertThat(api.get("/conversations/" + id, carol.token()).status(), is(404));
        assertThat(api.delete("/conversations/" + id + "/members/" + bob.id(), bob.token()).status(), is(204));

        // The owner leaves with no admin left: the longest-standing member (dave is the only one left) owns it.
        assertThat(api.delete("/conversations/" + id + "/members/" + admin.id(), admin.token()).status(), is(204));
        JsonNode left = api.get("/conversations/" + id, dave.token()).body();
        assertThat(left.path("memberCount").asInt(), is(1));
        assertThat(left.path("myRole").asText(), is("owner"));

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            tooMany.add("u-many-" + i);
        }
        assertError(api.post("/conversations", admin.token(), Map.of("type", "group", "memberIds", tooMany)), 400, "too_many_members");
        String directId = direct(admin, bob);
        assertError(api.patch("/conversations/" + directId, admin.token(), Map.of("title", "x")), 400, "not_a_group");
    }

    @Test
    void listIsOrderedByLatestActivityAndPaged() {
        User alice = user("Alice");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(direct(alice, user("Peer " + i)));
            fixture.clock.advance(Duration.ofMillis(5));
        }
        fixture.clock.advance(Duration.ofMillis(5));
        // The members' lists move from the message's stream record (this fixture runs no edge).
        fixture.deliverFromStream(sent(alice, ids.getFirst(), "bump"));
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get("/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), alice.token());
            page.body().path("items").forEach(item -> listed.add(item.path("conversationId").asText()));
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText();
        } while (cursor != null);
        assertThat(listed, contains(ids.get(0), ids.get(2), ids.get(1)));
        assertThat(api.get("/messages/sent?limit=5", alice.token()).body().path("items").get(0).path("text").asText(), is("bump"));
    }

    @Test
    void healthReportsTheTables() {
        Response health = api.get("/observe/health", null);
        assertThat(health.toString(), health.status(), is(200));
        assertThat(health.body().path("status").asText(), is("UP"));
        assertThat(health.body().path("checks").get(0).path("name").asText(), is("dynamodb"));
        assertThat(api.get("/observe/health", null).body().path("error").isMissingNode(), is(true));
        assertError(api.get("/conversations/x/messages", null), 401, "unauthorized");
    }
}
