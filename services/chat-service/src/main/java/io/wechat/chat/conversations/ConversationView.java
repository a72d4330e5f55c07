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
                               String lastReadMessageId, String myRole, String peerId, boolean mentioned,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<MemberView> members) {

    /** A member in a conversation view. */
    public record MemberView(String userId, String role, String joinedAt) {
        static MemberView of(Member member) {
            return new MemberView(member.userId(), member.role().wire(), member.joinedAt());
        }
    }

    static ConversationView of(Conversation conversation, Member me, List<Member> members) {
        return new ConversationView(conversation.conversationId(), conversation.type().wire(), conversation.title(),
                conversation.createdBy(), conversation.createdAt(), conversation.memberCount(),
                conversation.lastActivityAt(), conversation.lastMessage(), unread(conversation, me),
                me.lastReadMessageId(), me.role().wire(), me.peerId(),
                Math.max(me.mentionedSeq(), conversation.mentionAllSeq()) > me.lastReadSeq(),
                members == null ? null : members.stream().map(MemberView::of).toList());
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
