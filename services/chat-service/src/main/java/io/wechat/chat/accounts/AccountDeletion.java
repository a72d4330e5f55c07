package io.wechat.chat.accounts;

import java.lang.System.Logger.Level;
import java.time.Instant;

import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.events.UserEventsHandler;
import io.wechat.chat.sessions.SessionEnder;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.ProfileProjection;
import io.wechat.chat.users.UserDirectory;
import io.wechat.kit.events.EventEnvelope;

/**
 * {@code user.deleted {userId}}: the user's connections close and cannot open again; their profile projection forgets
 * the username and shows "Deleted user" (so do pushes, conversation titles and lists, for their messages which stay in
 * others' histories); they leave every group (members see them go, the group keeps an admin); the blocks they made are
 * erased. Each step is idempotent, so a redelivered event (after a failure half-way) finishes the job.
 */
public final class AccountDeletion implements UserEventsHandler.Listener {
    public static final String DELETED = "user.deleted";
    private static final System.Logger LOG = System.getLogger(AccountDeletion.class.getName());

    private final SessionEnder sessions;
    private final ProfileProjection profiles;
    private final UserDirectory users;
    private final ConversationService conversations;
    private final BlockStore blocks;

    public AccountDeletion(SessionEnder sessions, ProfileProjection profiles, UserDirectory users,
                           ConversationService conversations, BlockStore blocks) {
        this.sessions = sessions;
        this.profiles = profiles;
        this.users = users;
        this.conversations = conversations;
        this.blocks = blocks;
    }

    @Override
    public boolean takes(String type) {
        return DELETED.equals(type);
    }

    /** The deleted user's id: {@code payload.userId} of a {@code user.deleted} event. */
    public static String deletedUserId(EventEnvelope event) {
        String userId = event.payload().path("userId").asText(null);
        if (!Keys.isValidId(userId)) {
            throw new IllegalArgumentException("payload.userId is missing or invalid");
        }
        return userId;
    }

    @Override
    public void on(EventEnvelope event) {
        String userId = deletedUserId(event);
        sessions.accountDeleted(userId, Instant.parse(event.occurredAt()));
        profiles.recordDeleted(userId);
        users.evict(userId);
        int groups = conversations.leaveAllGroups(userId);
        int erasedBlocks = blocks.eraseBlocksBy(userId);
        LOG.log(Level.INFO, "Deleted account " + userId + ": left " + groups + " group(s), erased " + erasedBlocks
                + " block(s)");
    }
}
