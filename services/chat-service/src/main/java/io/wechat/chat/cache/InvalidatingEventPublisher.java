package io.wechat.chat.cache;

import java.util.List;

import io.wechat.chat.events.EventPublisher;
import io.wechat.kit.events.EventEnvelope;

/**
 * Keeps {@link ConversationCache} current: every event about a conversation itself or its members ({@code
 * conversation.*}, {@code member.*}), which chat-service publishes right after committing the change, first drops
 * that conversation's entry, then goes on as it would. A failure to drop it is left to the cache's staleness bound.
 */
public final class InvalidatingEventPublisher implements EventPublisher {
    private static final System.Logger LOG = System.getLogger(InvalidatingEventPublisher.class.getName());
    private final EventPublisher delegate;
    private final ConversationCache cache;

    public InvalidatingEventPublisher(EventPublisher delegate, ConversationCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    public void publish(String type, String conversationId, Object payload) {
        invalidate(type, conversationId);
        delegate.publish(type, conversationId, payload);
    }

    @Override
    public void publish(String type, String conversationId, Object payload, String originConnectionId) {
        invalidate(type, conversationId);
        delegate.publish(type, conversationId, payload, originConnectionId);
    }

    @Override
    public void send(EventEnvelope event, String conversationId) {
        invalidate(event.type(), conversationId);
        delegate.send(event, conversationId);
    }

    @Override
    public void sendAll(List<EventEnvelope> events, String conversationId) {
        events.forEach(event -> invalidate(event.type(), conversationId));
        delegate.sendAll(events, conversationId);
    }

    static boolean changesMembership(String type) {
        return type.startsWith("conversation.") || type.startsWith("member.");
    }

    private void invalidate(String type, String conversationId) {
        if (conversationId == null || !changesMembership(type)) {
            return;
        }
        try {
            cache.invalidate(conversationId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot drop the cached members of " + conversationId + " (stale for at most "
                    + cache.staleness().toSeconds() + " s): " + e.getMessage());
        }
    }
}
