package io.wechat.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.ChatStack.User;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    @RegisterExtension
    static final ChatStack stack = ChatStack.behindEdge();

    private Map<String, String> roles(String id, User viewer) {
        var got = stack.api().get("/conversations/" + id, viewer.token());
        assertThat(got.toString(), got.status(), is(200));
        Map<String, String> roles = new java.util.HashMap<>();
        got.body().path("members").forEach(m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
        return roles;
    }

    private List<String> timeline(String id, User viewer) {
        var history = stack.api().get("/conversations/" + id + "/messages?limit=50", viewer.token());
        assertThat(history.toString(), history.status(), is(200));
        List<String> lines = new ArrayList<>();
        history.body().path("items").forEach(m -> {
            if ("system".equals(m.path("type").asText())) {
                lines.addFirst(m.path("text").asText());
            }
        });
        return lines;
    }

    @Test
    void theOwnerNamesAdminsAdminsManageAndMembersDoNot() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        User carol = stack.user("Carol");
        User dave = stack.user("Dave");
        String id = stack.group(alice, bob, carol);
        String c = "/conversations/" + id;
        assertThat(stack.api().get(c, alice.token()).body().path("myRole").asText(), is("owner"));
        assertThat(stack.api().get(c, bob.token()).body().path("ownerId").asText(), is(alice.id()));

        ChatStack.assertError(stack.api().patch(c, bob.token(), Map.of("title", "Mine")), 403, "not_admin");
        ChatStack.assertError(stack.api().post(c + "/members", bob.token(), Map.of("userIds", List.of(dave.id()))), 403, "not_admin");
        ChatStack.assertError(stack.api().patch(c + "/members/" + carol.id(), bob.token(), Map.of("role", "admin")), 403, "not_owner");
        ChatStack.assertError(stack.api().patch(c + "/members/" + bob.id(), alice.token(), Map.of("role", "owner")), 400, "invalid_role");
        ChatStack.assertError(stack.api().patch(c + "/members/" + dave.id(), alice.token(), Map.of("role", "admin")), 404, "member_not_found");

        var promoted = stack.api().patch(c + "/members/" + bob.id(), alice.token(), Map.of("role", "admin"));
        assertThat(promoted.toString(), promoted.status(), is(200));
        assertThat(promoted.body().path("role").asText(), is("admin"));
        var renamed = stack.api().patch(c, bob.token(), Map.of("title", "Team 2", "announcement", "Saturday 9:00"));
        assertThat(renamed.toString(), renamed.status(), is(200));
        assertThat(renamed.body().path("title").asText(), is("Team 2"));
        assertThat(renamed.body().path("announcement").asText(), is("Saturday 9:00"));
        assertThat(stack.api().post(c + "/members", bob.token(), Map.of("userIds", List.of(dave.id()))).status(), is(200));
        // Nobody removes the owner, and only the owner removes an admin.
        ChatStack.assertError(stack.api().delete(c + "/members/" + alice.id(), bob.token()), 403, "not_owner");
        assertThat(stack.api().patch(c + "/members/" + carol.id(), alice.token(), Map.of("role", "admin")).status(), is(200));
        ChatStack.assertError(stack.api().delete(c + "/members/" + carol.id(), bob.token()), 403, "not_owner");
        assertThat(stack.api().delete(c + "/members/" + dave.id(), bob.token()).status(), is(204));

        assertThat(timeline(id, carol), contains(
                "Alice created the group \"Team\" with Bob and Carol",
                "Alice made Bob an admin",
                "Bob changed the group name to \"Team 2\", updated the group announcement: Saturday 9:00",
                "Bob added Dave",
                "Alice made Carol an admin",
                "Bob removed Dave"));
        // The actor has read the line of their own change; the others have it unread.
        assertThat(stack.api().get(c, bob.token()).body().path("unreadCount").asInt(), is(0));
        assertThat(stack.api().get(c, carol.token()).body().path("unreadCount").asInt(), is(6));
        ChatStack.assertError(stack.api().delete(c + "/messages/" + stack.api().get(c + "/messages?limit=1", bob.token()).body()
                .path("items").get(0).path("messageId").asText(), bob.token()), 400, "not_recallable");
    }

    @Test
    void ownershipIsHandedOverAndPassesToTheLongestStandingAdminWhenTheOwnerLeaves() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        User carol = stack.user("Carol");
        String id = stack.group(alice, bob);
        String c = "/conversations/" + id;
        stack.fixture().clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(stack.api().post(c + "/members", alice.token(), Map.of("userIds", List.of(carol.id()))).status(), is(200));
        ChatStack.assertError(stack.api().post(c + "/owner", bob.token(), Map.of("userId", carol.id())), 403, "not_owner");

        try (WsClient carolLive = new WsClient(stack.edge().webSocketUrl(carol.token()))) {
            var handed = stack.api().post(c + "/owner", alice.token(), Map.of("userId", bob.id()));
            assertThat(handed.toString(), handed.status(), is(200));
            assertThat(handed.body().path("myRole").asText(), is("admin"));
            assertThat(handed.body().path("ownerId").asText(), is(bob.id()));
            // Frames come from the messages stream, after the commit: the frame of Carol's own addition, written
            // before her socket opened, may still be on its way, and comes first if so.
            JsonNode frame = carolLive.next("conversation.updated");
            if (frame.path("change").asText().equals("members_added")) {
                assertThat(frame.toString(), frame.path("userIds").size(), is(1));
                assertThat(frame.toString(), frame.path("userIds").get(0).asText(), is(carol.id()));
                frame = carolLive.next("conversation.updated");
            }
            assertThat(frame.toString(), frame.path("change").asText(), is("owner_changed"));
            assertThat(frame.path("ownerId").asText(), is(bob.id()));
            assertThat(frame.path("message").path("type").asText(), is("system"));
            assertThat(frame.path("message").path("text").asText(), is("Alice made Bob the owner"));
        }
        assertThat(roles(id, carol), is(Map.of(alice.id(), "admin", bob.id(), "owner", carol.id(), "member")));

        // Carol joined later than Alice: Alice, the longest-standing admin, takes over.
        assertThat(stack.api().patch(c + "/members/" + carol.id(), bob.token(), Map.of("role", "admin")).status(), is(200));
        assertThat(stack.api().delete(c + "/members/" + bob.id(), bob.token()).status(), is(204));
        assertThat(roles(id, carol), is(Map.of(alice.id(), "owner", carol.id(), "admin")));
        assertThat(timeline(id, carol), hasItem("Bob left the group; Alice is now the owner"));

        // No admin left: the longest-standing member.
        assertThat(stack.api().patch(c + "/members/" + carol.id(), alice.token(), Map.of("role", "member")).status(), is(200));
        assertThat(stack.api().delete(c + "/members/" + alice.id(), alice.token()).status(), is(204));
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
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        String id = stack.group(alice, bob);
        // As groups were stored before owners existed: the creator an admin.
        stack.fixture().dynamo.updateItem(b -> b.tableName(stack.fixture().tables.conversations())
                .key(io.wechat.chat.storage.Keys.member(id, alice.id()))
                .updateExpression("SET #r = :r").expressionAttributeNames(Map.of("#r", "role"))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS("admin"))));
        assertThat(roles(id, bob), is(Map.of(alice.id(), "owner", bob.id(), "member")));
        assertThat(stack.api().get("/conversations/" + id, alice.token()).body().path("myRole").asText(), is("owner"));
        assertThat(stack.api().post("/conversations/" + id + "/owner", alice.token(), Map.of("userId", bob.id())).status(), is(200));
        assertThat(roles(id, bob), is(Map.of(alice.id(), "admin", bob.id(), "owner")));
    }

    /** The conversation's events on the observer queue, in the order of their system messages. */
    private List<JsonNode> events(String conversationId, int expected) {
        List<JsonNode> found = new ArrayList<>();
        for (int round = 0; round < 30 && found.size() < expected; round++) {
            var received = stack.fixture().sqs.receiveMessage(b -> b.queueUrl(stack.fixture().eventsQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (var m : received) {
                JsonNode event = Json.tree(m.body().getBytes(StandardCharsets.UTF_8));
                if (conversationId.equals(event.path("payload").path("conversationId").asText())) {
                    stack.fixture().sqs.deleteMessage(b -> b.queueUrl(stack.fixture().eventsQueueUrl).receiptHandle(m.receiptHandle()));
                    found.add(event);
                }
            }
        }
        found.sort(java.util.Comparator.comparingLong(e -> e.path("payload").path("message").path("seq").asLong()));
        return found;
    }
}
