package io.wechat.chat.messages;

import java.util.List;
import java.util.function.Consumer;

import io.wechat.chat.cache.ConversationCache;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.web.ApiException;

/**
 * Moves every member's conversation to the top of their list (their {@code last_activity_key}) for a committed new
 * message: from the messages table's stream (MessageStreamConsumer's hook), off the send's critical path. Idempotent:
 * each update only moves a key forward, and never recreates a member who left.
 */
public final class MemberActivity implements Consumer<Message> {
    private final ConversationService conversations;
    private final ConversationStore store;
    private final ConversationCache cache;

    public MemberActivity(ConversationService conversations, ConversationStore store, ConversationCache cache) {
        this.conversations = conversations;
        this.store = store;
        this.cache = cache;
    }

    @Override
    public void accept(Message message) {
        String conversationId = message.conversationId();
        List<String> members;
        try {
            members = cache.get(conversationId, id -> new ConversationCache.Entry(
                    conversations.requireConversation(id).type(), conversations.memberIds(id))).memberIds();
        } catch (ApiException e) {
            // A message of a conversation that no longer exists (or never did): nobody's list to move.
            return;
        }
        store.touchActivity(conversationId, members, Keys.activityKey(message.createdAt(), conversationId));
    }
}
