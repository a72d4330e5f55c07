package io.wechat.chat.conversations;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

class ConversationViewTest {
    private static Conversation group(long lastSeq, long mentionAllSeq) {
        return new Conversation("c-1", ConversationType.GROUP, "Team", "u-1", "2026-12-01T10:00:00Z", 3, lastSeq,
                "2026-12-01T11:00:00Z", null, "md-1", "Hello all", mentionAllSeq);
    }

    private static Member member(String userId, Role role, String joinedAt, long lastReadSeq, Set<Long> hidden,
                                 long mentionedSeq, Member.Settings settings) {
        return new Member("c-1", userId, role, joinedAt, lastReadSeq, "m-" + lastReadSeq, "key", null, settings,
                hidden, mentionedSeq);
    }

    private static Member member(String userId, Role role, String joinedAt) {
        return member(userId, role, joinedAt, 0, Set.of(), 0, Member.Settings.NONE);
    }

    @Test
    void unreadCountsTheMessagesAfterTheMarkerButThoseHiddenAfterIt() {
        Member me = member("u-2", Role.MEMBER, "t1", 4, Set.of(2L, 6L, 9L), 0, Member.Settings.NONE);
        assertThat(ConversationView.unread(group(10, 0), me), is(4L)); // 5, 7, 8, 10: 6 and 9 hidden, 2 already read
        assertThat(ConversationView.unread(group(4, 0), me), is(0L));
        Member hidAll = member("u-2", Role.MEMBER, "t1", 4, Set.of(5L, 6L), 0, Member.Settings.NONE);
        assertThat(ConversationView.unread(group(5, 0), hidAll), is(0L)); // never below zero
    }

    @Test
    void aListItemNamesTheOwnerOnlyWhenTheCallerIsIt() {
        Member owner = member("u-1", Role.OWNER, "t0");
        ConversationView mine = ConversationView.of(group(3, 0), owner, null);
        assertThat(mine.ownerId(), is("u-1"));
        assertThat(mine.myRole(), is("owner"));
        assertThat(mine.members(), is(nullValue()));

        ConversationView theirs = ConversationView.of(group(3, 0), member("u-2", Role.ADMIN, "t1"), null);
        assertThat(theirs.ownerId(), is(nullValue()));
        assertThat(theirs.myRole(), is("admin"));
    }

    @Test
    void withItsMembersTheEarliestAdminOfAGroupWithoutOwnerIsShownAsTheOwner() {
        Member first = member("u-1", Role.ADMIN, "t0");
        Member later = member("u-2", Role.ADMIN, "t1");
        Member plain = member("u-3", Role.MEMBER, "t2");
        ConversationView view = ConversationView.of(group(3, 0), first, List.of(later, plain, first));
        assertThat(view.ownerId(), is("u-1"));
        assertThat(view.myRole(), is("owner"));
        assertThat(view.members().stream().map(ConversationView.MemberView::role).toList(),
                contains("admin", "member", "owner"));
        assertThat(ConversationView.of(group(3, 0), plain, List.of(later, plain, first)).myRole(), is("member"));
    }

    @Test
    void aDirectConversationHasNoOwnerAndShowsThePeer() {
        Conversation direct = new Conversation("c-2", ConversationType.DIRECT, null, "u-1", "t0", 2, 1, "t1", null,
                null, null, 0);
        Member me = new Member("c-2", "u-1", Role.OWNER, "t0", 0, null, "key", "u-2");
        ConversationView view = ConversationView.of(direct, me, null);
        assertThat(view.type(), is("direct"));
        assertThat(view.ownerId(), is(nullValue()));
        assertThat(view.peerId(), is("u-2"));
    }

    @Test
    void theCallersSettingsAndMentionsAreTheirOwn() {
        Member.Settings settings = new Member.Settings(true, false, true);
        Member mentionedAfterMarker = member("u-2", Role.MEMBER, "t1", 5, Set.of(), 6, settings);
        ConversationView view = ConversationView.of(group(8, 0), mentionedAfterMarker, null);
        assertThat(view.pinned(), is(true));
        assertThat(view.archived(), is(false));
        assertThat(view.muted(), is(true));
        assertThat(view.mentioned(), is(true));
        assertThat(view.unreadCount(), is(3L));
        assertThat(view.lastReadMessageId(), is("m-5"));

        Member readPastTheMention = member("u-2", Role.MEMBER, "t1", 6, Set.of(), 6, settings);
        assertThat(ConversationView.of(group(8, 0), readPastTheMention, null).mentioned(), is(false));
        assertThat("@all after the marker", ConversationView.of(group(8, 7), readPastTheMention, null).mentioned(), is(true));
        assertThat(ConversationView.of(group(8, 6), readPastTheMention, null).mentioned(), is(false));
    }

    @Test
    void aGroupViewCarriesTheConversationsOwnFields() {
        ConversationView view = ConversationView.of(group(3, 0), member("u-1", Role.OWNER, "t0"), null);
        assertThat(List.of(view.conversationId(), view.type(), view.title(), view.createdBy(), view.createdAt(),
                        view.lastActivityAt(), view.avatarMediaId(), view.announcement()),
                contains("c-1", "group", "Team", "u-1", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z", "md-1", "Hello all"));
        assertThat(view.memberCount(), is(3));
    }

    @Test
    void settingsChangeOnlyWhatTheRequestNames() {
        Member.Settings current = new Member.Settings(true, false, true);
        assertThat(new ConversationRequestBodies.ChangeSettings(null, true, null).applyTo(current),
                is(new Member.Settings(true, true, true)));
        assertThat(new ConversationRequestBodies.ChangeSettings(false, null, false).applyTo(current),
                is(new Member.Settings(false, false, false)));
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(io.wechat.kit.web.ApiException.class,
                () -> new ConversationRequestBodies.ChangeSettings(null, null, null)).code(), is("invalid_settings"));
    }
}
