package io.wechat.chat.events;

/** Publishes chat domain events (conversation.created, message.sent, ...) for subscribers to filter on. */
public interface EventPublisher {
    /**
     * Publishes {@code payload} in the event envelope with message attributes {@code type} and
     * {@code conversationId}. Never throws: the change it reports is already committed.
     */
    void publish(String type, String conversationId, Object payload);
}
