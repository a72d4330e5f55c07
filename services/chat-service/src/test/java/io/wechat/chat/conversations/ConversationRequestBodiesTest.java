package io.wechat.chat.conversations;

import java.util.ArrayList;
import java.util.List;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConversationRequestBodiesTest {
    private static String code(Runnable runnable) {
        return assertThrows(ApiException.class, runnable::run).code();
    }

    @Test
    void memberIdsAreDeduplicatedAndValidated() {
        var request = new ConversationRequestBodies.CreateConversation("group", List.of("u1", "u2", "u1"), "  Team ");
        assertThat(request.memberIds(), contains("u1", "u2"));
        assertThat(request.title(), is("Team"));
        assertThat(code(() -> new ConversationRequestBodies.CreateConversation("group", List.of("bad#id"), null)), is("invalid_member_ids"));
        assertThat(code(() -> new ConversationRequestBodies.CreateConversation("group", null, null)), is("invalid_member_ids"));
    }

    @Test
    void typesTitlesAndSizesAreChecked() {
        assertThat(code(() -> new ConversationRequestBodies.CreateConversation("channel", List.of("u1"), null)), is("invalid_type"));
        assertThat(code(() -> new ConversationRequestBodies.CreateConversation("direct", List.of("u1"), "title")), is("invalid_title"));
        assertThat(code(() -> new ConversationRequestBodies.UpdateGroup("x".repeat(101), null, null)), is("invalid_title"));
        assertThat(code(() -> new ConversationRequestBodies.UpdateGroup(null, null, null)), is("invalid_update"));
        assertThat(code(() -> new ConversationRequestBodies.UpdateGroup(null, "bad#id", null)), is("invalid_avatar_media_id"));
        assertThat(code(() -> new ConversationRequestBodies.UpdateGroup(null, null, "x".repeat(2001))), is("invalid_announcement"));
        assertThat(new ConversationRequestBodies.UpdateGroup(null, "", " hi ").announcement(), is("hi"));
        assertThat(code(() -> new ConversationRequestBodies.ChangeRole("owner")), is("invalid_role"));
        assertThat(new ConversationRequestBodies.ChangeRole("admin").parsed(), is(Role.ADMIN));
        assertThat(code(() -> new ConversationRequestBodies.TransferOwnership("a#b")), is("invalid_user_id"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add("u" + i);
        }
        assertThat(code(() -> new ConversationRequestBodies.CreateConversation("group", many, null)), is("too_many_members"));
        assertThat(code(() -> new ConversationRequestBodies.AddMembers(many.subList(0, 99))), is("too_many_members"));
        assertThat(code(() -> new ConversationRequestBodies.AddMembers(List.of())), is("invalid_user_ids"));
    }

    @Test
    void aGroupWithoutARecordedOwnerIsOwnedByItsEarliestAdminAndTheHeirIsTheLongestStandingAdminElseMember() {
        var first = new Member("c", "u1", Role.MEMBER, "2026-01-01T00:00:00.000Z", 0, null, "k", null);
        var admin = new Member("c", "u2", Role.ADMIN, "2026-01-02T00:00:00.000Z", 0, null, "k", null);
        var laterAdmin = new Member("c", "u3", Role.ADMIN, "2026-01-03T00:00:00.000Z", 0, null, "k", null);
        var owner = new Member("c", "u4", Role.OWNER, "2026-01-04T00:00:00.000Z", 0, null, "k", null);
        assertThat(Role.owner(List.of(first, laterAdmin, admin)).orElseThrow().userId(), is("u2"));
        assertThat(Role.owner(List.of(first, admin, owner)).orElseThrow().userId(), is("u4"));
        assertThat(Role.heir(List.of(first, laterAdmin, admin)).orElseThrow().userId(), is("u2"));
        assertThat(Role.heir(List.of(first)).orElseThrow().userId(), is("u1"));
        assertThat(Role.heir(List.of()).isPresent(), is(false));
    }

    @Test
    void unreadCountIsTheGapBetweenTheLastAndTheReadSequence() {
        var conversation = new Conversation("c", ConversationType.DIRECT, null, "u1", "t", 2, 250, "t", null);
        var member = new Member("c", "u2", Role.MEMBER, "t", 0, null, "k", "u1");
        assertThat(ConversationView.unread(conversation, member), is(250L));
        var caughtUp = new Member("c", "u2", Role.MEMBER, "t", 250, "m", "k", "u1");
        assertThat(ConversationView.unread(conversation, caughtUp), is(0L));
    }
}
