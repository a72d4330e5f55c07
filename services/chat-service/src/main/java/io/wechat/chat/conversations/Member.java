package io.wechat.chat.conversations;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A membership item ({@code CONV#<id>} / {@code MEMBER#<userId>}); it also carries the keys of
 * user-conversations-index. {@code peerId} is the other user of a direct conversation; {@code settings} are the
 * member's own (pinned, archived, muted). {@code hiddenSeqs}: the messages this member deleted for themselves;
 * {@code mentionedSeq}: the newest message that mentions them (both written by the messages package, read here for
 * the unread count and {@code mentioned}).
 */
public record Member(String conversationId, String userId, Role role, String joinedAt, long lastReadSeq,
                     String lastReadMessageId, String lastActivityKey, String peerId, Settings settings,
                     Set<Long> hiddenSeqs, long mentionedSeq) {
    public Member {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(settings, "settings");
        hiddenSeqs = hiddenSeqs == null ? Set.of() : Set.copyOf(hiddenSeqs);
    }

    /** A new membership: nothing pinned, archived or muted, nothing hidden, never mentioned. */
    public Member(String conversationId, String userId, Role role, String joinedAt, long lastReadSeq,
                  String lastReadMessageId, String lastActivityKey, String peerId) {
        this(conversationId, userId, role, joinedAt, lastReadSeq, lastReadMessageId, lastActivityKey, peerId,
                Settings.NONE, Set.of(), 0);
    }

    /**
     * A member's settings of a conversation; each is stored only while true (attributes {@code pinned},
     * {@code archived}, {@code muted}), so that the list's filters test for their absence.
     */
    public record Settings(boolean pinned, boolean archived, boolean muted) {
        static final Settings NONE = new Settings(false, false, false);
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(Keys.member(conversationId, userId));
        item.put("conversation_id", AttributeValue.fromS(conversationId));
        item.put("user_id", AttributeValue.fromS(userId));
        item.put("role", AttributeValue.fromS(role.wire()));
        item.put("joined_at", AttributeValue.fromS(joinedAt));
        item.put("last_read_seq", Items.n(lastReadSeq));
        item.put("last_activity_key", AttributeValue.fromS(lastActivityKey));
        if (lastReadMessageId != null) {
            item.put("last_read_message_id", AttributeValue.fromS(lastReadMessageId));
        }
        if (peerId != null) {
            item.put("peer_id", AttributeValue.fromS(peerId));
        }
        return item;
    }

    static Member fromItem(Map<String, AttributeValue> item) {
        return new Member(Items.str(item, "conversation_id"), Items.str(item, "user_id"),
                Role.parse(Items.str(item, "role")), Items.str(item, "joined_at"), Items.num(item, "last_read_seq"),
                Items.str(item, "last_read_message_id"), Items.str(item, "last_activity_key"), Items.str(item, "peer_id"),
                new Settings(Items.bool(item, "pinned"), Items.bool(item, "archived"), Items.bool(item, "muted")),
                hiddenSeqs(item), Items.num(item, "mentioned_seq"));
    }

    private static Set<Long> hiddenSeqs(Map<String, AttributeValue> item) {
        AttributeValue seqs = item.get("hidden_seqs");
        return seqs == null || !seqs.hasNs() ? Set.of() : seqs.ns().stream().map(Long::valueOf).collect(Collectors.toSet());
    }
}
