package io.wechat.chat.messages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.wechat.chat.cache.ConversationCache;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.web.ApiException;

/**
 * Moves every member's conversation to the top of their list (their {@code last_activity_key}) for committed new
 * messages: from the messages table's stream (MessageStreamConsumer's hook), off the send's critical path. Idempotent:
 * each update only moves a key forward, and never recreates a member who left. So of a batch's messages only each
 * conversation's newest moves anything, and only that one is written.
 */
public final class MemberActivity implements Consumer<List<Message>> {
    private final ConversationService conversations;
    private final ConversationStore store;
    private final ConversationCache cache;

    public MemberActivity(ConversationService conversations, ConversationStore store, ConversationCache cache) {
        this.conversations = conversations;
        this.store = store;
        this.cache = cache;
    }

    @Override
    public void accept(List<Message> sent) {
        newestKeys(sent).forEach(this::touch);
    }

    /** Each conversation's greatest activity key among {@code sent}, in the order the conversations first appear. */
    static Map<String, String> newestKeys(List<Message> sent) {
        Map<String, String> newest = new LinkedHashMap<>();
        for (Message message : sent) {
            newest.merge(message.conversationId(), Keys.activityKey(message.createdAt(), message.conversationId()),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return newest;
    }

    private void touch(String conversationId, String activityKey) {
        List<String> members;
        try {
            members = cache.get(conversationId, id -> new ConversationCache.Entry(
                    conversations.requireConversation(id).type(), conversations.memberIds(id))).memberIds();
        } catch (ApiException e) {
            // A message of a conversation that does not exist: nobody's list to move.
            return;
        }
        store.touchActivity(conversationId, members, activityKey);
    }
}
