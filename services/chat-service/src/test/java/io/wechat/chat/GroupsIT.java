package io.wechat.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.TestEdge;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.testing.Api;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * Group roles and the system messages that tell every change, through the real edge (which delivers the messages
 * table's stream): who may do what, the timeline, the live frames, and the events published from the committed lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupsIT {
    private TestEdge edge;
    private ChatServiceFixture fixture;
    private Api api;

    private record User(String id, String token) {
    }

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

    private User user(String name) {
        String id = fixture.identity.newUser(name);
        return new User(id, fixture.identity.token(id));
    }

    private String group(User owner, User... others) {
        var created = api.post("/conversations", owner.token(), Map.of("type", "group", "title", "Team",
                "memberIds", java.util.Arrays.stream(others).map(User::id).toList()));
        assertThat(created.toString(), created.status(), is(201));
        return created.body().path("conversationId").asText();
    }

    private Map<String, String> roles(String id, User viewer) {
        var got = api.get("/conversations/" + id, viewer.token());
        assertThat(got.toString(), got.status(), is(200));
        Map<String, String> roles = new java.util.HashMap<>();
        got.body().path("members").forEach(m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
        return roles;
    }

    private List<String> timeline(String id, User viewer) {
        var history = api.get("/conversations/" + id + "/messages?limit=50", viewer.token());
        assertThat(history.toString(), history.status(), is(200));
        List<String> lines = new ArrayList<>();
        history.body().path("items").forEach(m -> {
            if ("system".equals(m.path("type").asText())) {
                lines.addFirst(m.path("text").asText());
            }
        });
        return lines;
    }

    private static void assertError(Api.Response response, int status, String code) {
        assertThat(response.toString(), response.status(), is(status));
        assertThat(response.toString(), response.errorCode(), is(code));
    }

    @Test
    void theOwnerNamesAdminsAdminsManageAndMembersDoNot() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        User dave = user("Dave");
        String id = group(alice, bob, carol);
        String c = "/conversations/" + id;
        assertThat(api.get(c, alice.token()).body().path("myRole").asText(), is("owner"));
        assertThat(api.get(c, bob.token()).body().path("ownerId").asText(), is(alice.id()));

        assertError(api.patch(c, bob.token(), Map.of("title", "Mine")), 403, "not_admin");
        assertError(api.post(c + "/members", bob.token(), Map.of("userIds", List.of(dave.id()))), 403, "not_admin");
        assertError(api.patch(c + "/members/" + carol.id(), bob.token(), Map.of("role", "admin")), 403, "not_owner");
        assertError(api.patch(c + "/members/" + bob.id(), alice.token(), Map.of("role", "owner")), 400, "invalid_role");
        assertError(api.patch(c + "/members/" + dave.id(), alice.token(), Map.of("role", "admin")), 404, "member_not_found");

        var promoted = api.patch(c + "/members/" + bob.id(), alice.token(), Map.of("role", "admin"));
        assertThat(promoted.toString(), promoted.status(), is(200));
        assertThat(promoted.body().path("role").asText(), is("admin"));
        var renamed = api.patch(c, bob.token(), Map.of("title", "Team 2", "announcement", "Saturday 9:00"));
        assertThat(renamed.toString(), renamed.status(), is(200));
        assertThat(renamed.body().path("title").asText(), is("Team 2"));
        assertThat(renamed.body().path("announcement").asText(), is("Saturday 9:00"));
        assertThat(api.post(c + "/members", bob.token(), Map.of("userIds", List.of(dave.id()))).status(), is(200));
        // Nobody removes the owner, and only the owner removes an admin.
        assertError(api.delete(c + "/members/" + alice.id(), bob.token()), 403, "not_owner");
        assertThat(api.patch(c + "/members/" + carol.id(), alice.token(), Map.of("role", "admin")).status(), is(200));
        assertError(api.delete(c + "/members/" + carol.id(), bob.token()), 403, "not_owner");
        assertThat(api.delete(c + "/members/" + dave.id(), bob.token()).status(), is(204));

        assertThat(timeline(id, carol), contains(
                "Alice created the group \"Team\" with Bob and Carol",
                "Alice made Bob an admin",
                "Bob changed the group name to \"Team 2\", updated the group announcement: Saturday 9:00",
                "Bob added Dave",
                "Alice made Carol an admin",
                "Bob removed Dave"));
        // The actor has read the line of their own change; the others have it unread.
        assertThat(api.get(c, bob.token()).body().path("unreadCount").asInt(), is(0));
        assertThat(api.get(c, carol.token()).body().path("unreadCount").asInt(), is(6));
        assertError(api.delete(c + "/messages/" + api.get(c + "/messages?limit=1", bob.token()).body()
                .path("items").get(0).path("messageId").asText(), bob.token()), 400, "not_recallable");
    }

    @Test
    void ownershipIsHandedOverAndPassesToTheLongestStandingAdminWhenTheOwnerLeaves() {
        User alice = user("Alice");
        User bob = user("Bob");
        User carol = user("Carol");
        String id = group(alice, bob);
        String c = "/conversations/" + id;
        fixture.clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(api.post(c + "/members", alice.token(), Map.of("userIds", List.of(carol.id()))).status(), is(200));
        assertError(api.post(c + "/owner", bob.token(), Map.of("userId", carol.id())), 403, "not_owner");

        try (WsClient carolLive = new WsClient(edge.webSocketUrl(carol.token()))) {
            var handed = api.post(c + "/owner", alice.token(), Map.of("userId", bob.id()));
            assertThat(handed.toString(), handed.status(), is(200));
            assertThat(handed.body().path("myRole").asText(), is("admin"));
            assertThat(handed.body().path("ownerId").asText(), is(bob.id()));
            // Frames come from the messages stream, after the commit: the frame of Carol's own addition, written
            // before her socket opened, may still be on its way, and comes first if so.
            JsonNode frame = carolLive.next("conversation.updated");
            if (frame.path("change").asText().equals("members_added")) {
                assertThat(frame.toString(), frame.path("userIds"), is(Json.MAPPER.valueToTree(List.of(carol.id()))));
                frame = carolLive.next("conversation.updated");
            }
            assertThat(frame.toString(), frame.path("change").asText(), is("owner_changed"));
            assertThat(frame.path("ownerId").asText(), is(bob.id()));
            assertThat(frame.path("message").path("type").asText(), is("system"));
            assertThat(frame.path("message").path("text").asText(), is("Alice made Bob the owner"));
        }
        assertThat(roles(id, carol), is(Map.of(alice.id(), "admin", bob.id(), "owner", carol.id(), "member")));

        // Carol joined later than Alice: Alice, the longest-standing admin, takes over.
        assertThat(api.patch(c + "/members/" + carol.id(), bob.token(), Map.of("role", "admin")).status(), is(200));
        assertThat(api.delete(c + "/members/" + bob.id(), bob.token()).status(), is(204));
        assertThat(roles(id, carol), is(Map.of(alice.id(), "owner", carol.id(), "admin")));
        assertThat(timeline(id, carol), hasItem("Bob left the group; Alice is now the owner"));

        // No admin left: the longest-standing member.
        assertThat(api.patch(c + "/members/" + carol.id(), alice.token(), Map.of("role", "member")).status(), is(200));
        assertThat(api.delete(c + "/members/" + alice.id(), alice.token()).status(), is(204));
        assertThat(roles(id, carol), is(Map.of(carol.id(), "owner")));

        List<JsonNode> events = events(id, 7);
        List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
        assertThat(types.toString(), types, is(List.of("conversation.created", "member.added", "conversation.owner-changed",
                "member.role-changed", "member.removed", "member.role-changed", "member.removed")));
        JsonNode left = events.get(4).path("payload");
        assertThat(left.path("userId").asText(), is(bob.id()));
        assertThat(left.path("ownerId").asText(), is(alice.id()));
        assertThat(left.path("memberIds").size(), is(2));
        // Each event's time is its system message's, and its id is derived from it (stable across deliveries).
        assertThat(events.get(2).path("occurredAt").asText(), is(events.get(2).path("payload").path("message").path("createdAt").asText()));
    }

    @Test
    void aGroupFromBeforeOwnersHasItsEarliestAdminAsOwner() {
        User alice = user("Alice");
        User bob = user("Bob");
        String id = group(alice, bob);
        // As groups were stored before owners existed: the creator an admin.
        fixture.dynamo.updateItem(b -> b.tableName(fixture.tables.conversations())
                .key(io.wechat.chat.storage.Keys.member(id, alice.id()))
                .updateExpression("SET #r = :r").expressionAttributeNames(Map.of("#r", "role"))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS("admin"))));
        assertThat(roles(id, bob), is(Map.of(alice.id(), "owner", bob.id(), "member")));
        assertThat(api.get("/conversations/" + id, alice.token()).body().path("myRole").asText(), is("owner"));
        assertThat(api.post("/conversations/" + id + "/owner", alice.token(), Map.of("userId", bob.id())).status(), is(200));
        assertThat(roles(id, bob), is(Map.of(alice.id(), "admin", bob.id(), "owner")));
    }

    /** The conversation's events on the observer queue, in the order of their system messages. */
    private List<JsonNode> events(String conversationId, int expected) {
        List<JsonNode> found = new ArrayList<>();
        for (int round = 0; round < 30 && found.size() < expected; round++) {
            var received = fixture.sqs.receiveMessage(b -> b.queueUrl(fixture.eventsQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (var m : received) {
                JsonNode event = Json.tree(m.body().getBytes(StandardCharsets.UTF_8));
                if (conversationId.equals(event.path("payload").path("conversationId").asText())) {
                    fixture.sqs.deleteMessage(b -> b.queueUrl(fixture.eventsQueueUrl).receiptHandle(m.receiptHandle()));
                    found.add(event);
                }
            }
        }
        found.sort(java.util.Comparator.comparingLong(e -> e.path("payload").path("message").path("seq").asLong()));
        return found;
    }
}
