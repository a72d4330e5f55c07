package io.wechat.chat.conversations;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConversationItemsTest {
    private static final LastMessage LAST = new LastMessage("m-9", 9, "u-1", "text", "see you", "2026-12-01T10:05:00.000Z", true);

    @Test
    void aGroupSurvivesTheTripThroughItsItemWithItsLastMessage() {
        Conversation group = new Conversation("c-1", ConversationType.GROUP, "Team", "u-1", "2026-12-01T10:00:00.000Z",
                3, 9, "2026-12-01T10:05:00.000Z", LAST);
        var item = group.toItem();
        assertThat(item.get("type").s(), is("group"));
        assertThat(item.get("member_count").n(), is("3"));
        assertThat(item.get("last_message"), is(LAST.toAttribute()));
        assertThat(Conversation.fromItem(item), is(group));
    }

    @Test
    void aDirectConversationHasNoTitleAndMayHaveNoMessageYet() {
        Conversation direct = new Conversation("c-2", ConversationType.DIRECT, null, "u-1", "2026-12-01T10:00:00.000Z",
                2, 0, "2026-12-01T10:00:00.000Z", null);
        assertThat(direct.toItem(), not(hasKey("title")));
        assertThat(Conversation.fromItem(direct.toItem()), is(direct));
        assertThat(LastMessage.from(null), is(nullValue()));
        assertThat(LastMessage.from(software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x")), is(nullValue()));
    }

    @Test
    void aMembershipSurvivesTheTripThroughItsItem() {
        Member admin = new Member("c-1", "u-1", Role.ADMIN, "2026-12-01T10:00:00.000Z", 7, "m-7", "2026-12-01T10:05:00.000Z#c-1", null);
        Member peer = new Member("c-2", "u-2", Role.MEMBER, "2026-12-01T10:00:00.000Z", 0, null, "2026-12-01T10:00:00.000Z#c-2", "u-1");
        assertThat(Member.fromItem(admin.toItem()), is(admin));
        assertThat(Member.fromItem(peer.toItem()), is(peer));
        assertThat(admin.toItem(), not(hasKey("peer_id")));
        assertThat(peer.toItem(), not(hasKey("last_read_message_id")));
        assertThat(peer.toItem().get("role").s(), is("member"));
        assertThat(admin.toItem().get("last_read_seq").n(), is("7"));
    }

    @Test
    void typesAndRolesHaveWireNames() {
        assertThat(ConversationType.parse("direct"), is(ConversationType.DIRECT));
        assertThat(ConversationType.parse("group"), is(ConversationType.GROUP));
        assertThat(assertThrows(ApiException.class, () -> ConversationType.parse("GROUP")).code(), is("invalid_type"));
        assertThat(assertThrows(ApiException.class, () -> ConversationType.parse(null)).code(), is("invalid_type"));
        assertThat(Role.parse("admin"), is(Role.ADMIN));
        assertThat(Role.parse("owner"), is(Role.OWNER));
        // Anything unknown is a plain member: an unknown role never grants rights.
        assertThat(Role.parse("superuser"), is(Role.MEMBER));
        assertThat(Role.parse(null), is(Role.MEMBER));
        assertThat(Role.ADMIN.wire(), is("admin"));
    }

    @Test
    void nonMembersGetTheSame404AsForAConversationThatDoesNotExist() {
        ApiException e = Conversation.notFound();
        assertThat(e.status().code(), is(404));
        assertThat(e.code(), is("conversation_not_found"));
    }
}
