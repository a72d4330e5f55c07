package io.wechat.chat.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.WsClient;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.ProfileProjection;
import io.wechat.chat.users.UserProfile;
import io.wechat.kit.testing.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    @RegisterExtension
    static final ChatStack stack = ChatStack.behindEdge();

    private static final Duration CLOSE = Duration.ofSeconds(5);

    @Test
    void aDeletedUserIsErasedOrAnonymisedAndTheirMessagesStayForOthers() {
        String alice = stack.fixture().identity.newUser("Alice");
        String bob = stack.fixture().identity.newUser("Bob");
        String carol = stack.fixture().identity.newUser("Carol");
        stack.fixture().identity.makeContacts(alice, bob);
        stack.fixture().identity.makeContacts(alice, carol);
        stack.deliverUserEvent("user.registered", Map.of("userId", alice, "username", "alice_" + alice.substring(0, 6),
                                          "displayName", "Alice"));
        stack.deliverUserEvent("user.blocked", Map.of("blockerId", alice, "blockedId", carol));
        String group = ChatStack.created(stack.api().post("/conversations", stack.fixture().identity.token(alice),
                                        Map.of("type", "group", "title", "Friends", "memberIds", List.of(bob, carol))));
        String direct = ChatStack.created(stack.api().post("/conversations", stack.fixture().identity.token(alice),
                                         Map.of("type", "direct", "memberIds", List.of(bob))));
        Api.Response sent = stack.api().post("/conversations/" + direct + "/messages", stack.fixture().identity.token(alice),
                                     Map.of("clientMessageId", "c-" + UUID.randomUUID(), "type", "text", "text", "bye"));
        assertThat(sent.toString(), sent.status(), is(201));
        WsClient socket = stack.connect(alice, UUID.randomUUID().toString());

        assertThat(stack.deliverUserEvent("user.deleted", Map.of("userId", alice)), is(true));

        assertThat(socket.next("session.ended").path("reason").asText(), is("account_deleted"));
        assertThat(socket.awaitClosed(CLOSE), is(1000));
        assertThrows(CompletionException.class, () -> stack.connect(alice, UUID.randomUUID().toString()), "a deleted user's token opens nothing");

        JsonNode members = stack.api().get("/conversations/" + group, stack.fixture().identity.token(bob)).body().path("members");
        List<String> memberIds = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        members.forEach(m -> {
            memberIds.add(m.path("userId").asText());
            roles.add(m.path("role").asText());
        });
        assertThat(memberIds, not(hasItem(alice)));
        assertThat(memberIds.size(), is(2));
        assertThat("ownership passed on: the group keeps an owner", roles, hasItem("owner"));

        JsonNode history = stack.api().get("/conversations/" + direct + "/messages", stack.fixture().identity.token(bob)).body();
        assertThat(history.path("items").get(0).path("senderId").asText(), is(alice));
        assertThat(history.path("items").get(0).path("text").asText(), is("bye"));

        UserProfile projected = new ProfileProjection(stack.fixture().dynamo, stack.fixture().tables.conversations()).find(alice)
                .orElseThrow();
        assertThat(projected.shownName(), is(UserProfile.DELETED_NAME));
        assertThat(projected.username(), nullValue());
        assertThat(new BlockStore(stack.fixture().dynamo, stack.fixture().tables.conversations()).isBlocked(alice, carol), is(false));

        assertThat("a redelivery (another copy) finds everything done", stack.deliverUserEvent("user.deleted", Map.of("userId", alice)),
                   is(true));
        assertThat("a late profile event does not bring the name back",
                   stack.deliverUserEvent("user.profile-updated", Map.of("userId", alice, "username", "alice", "displayName", "Alice")),
                   is(true));
        assertThat(new ProfileProjection(stack.fixture().dynamo, stack.fixture().tables.conversations()).find(alice).orElseThrow()
                           .shownName(), is(UserProfile.DELETED_NAME));
    }

}
