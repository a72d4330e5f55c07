package io.wechat.chat.conversations;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A conversation as its member sees it. {@code peerId} is the other user of a direct conversation;
 * {@code mentioned}: a message after the member's read marker mentions them;
 * {@code members} is only filled by {@code GET /conversations/{id}}.
 */
public record ConversationView(String conversationId, String type, String title, String createdBy, String createdAt,
                               int memberCount, String lastActivityAt, LastMessage lastMessage, long unreadCount,
                               String lastReadMessageId, String myRole, String peerId,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<MemberView> members,
                               String avatarMediaId, String announcement, String ownerId, boolean pinned,
                               boolean archived, boolean muted, boolean mentioned) {

    /** A member in a conversation view. */
    public record MemberView(String userId, String role, String joinedAt) {
        static MemberView of(Member member, String ownerId) {
            String role = member.userId().equals(ownerId) ? Role.OWNER.wire() : member.role().wire();
            return new MemberView(member.userId(), role, member.joinedAt());
        }
    }

    /**
     * {@code members}: all of them, or null for a list item, whose {@code myRole} is the stored one and whose
     * {@code ownerId} is null (a group created before owners existed shows its owner only with its members).
     */
    static ConversationView of(Conversation conversation, Member me, List<Member> members) {
        String ownerId = members == null ? (me.role() == Role.OWNER ? me.userId() : null)
                : Role.owner(members).map(Member::userId).orElse(null);
        String myRole = me.userId().equals(ownerId) ? Role.OWNER.wire() : me.role().wire();
        return new ConversationView(conversation.conversationId(), conversation.type().wire(), conversation.title(),
                conversation.createdBy(), conversation.createdAt(), conversation.memberCount(),
                conversation.lastActivityAt(), conversation.lastMessage(), unread(conversation, me),
                me.lastReadMessageId(), myRole, me.peerId(),
                members == null ? null : members.stream().map(m -> MemberView.of(m, ownerId)).toList(),
                conversation.avatarMediaId(), conversation.announcement(),
                conversation.type() == ConversationType.GROUP ? ownerId : null, me.settings().pinned(),
                me.settings().archived(), me.settings().muted(),
                Math.max(me.mentionedSeq(), conversation.mentionAllSeq()) > me.lastReadSeq());
    }

    /**
     * Messages after the member's read marker but those they deleted for themselves; a member's own sends move its
     * marker, so they never count.
     */
    public static long unread(Conversation conversation, Member me) {
        long hiddenAfterMarker = me.hiddenSeqs().stream().filter(seq -> seq > me.lastReadSeq()).count();
        return Math.max(0, conversation.lastSeq() - me.lastReadSeq() - hiddenAfterMarker);
    }
}
