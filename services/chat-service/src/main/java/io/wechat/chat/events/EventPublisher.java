package io.wechat.chat.events;

import io.wechat.kit.events.EventEnvelope;

/** Publishes chat domain events (conversation.created, message.sent, ...) for subscribers to filter on. */
public interface EventPublisher {
    /**
     * Publishes {@code payload} in the event envelope with message attributes {@code type} and
     * {@code conversationId}. Never throws: the change it reports is already committed.
     */
    void publish(String type, String conversationId, Object payload);

    /**
     * As {@link #publish(String, String, Object)}, for a change a WebSocket connection made ({@code null}: an HTTP
     * request): the live frames skip that connection, which gets the answer to its own request instead.
     */
    default void publish(String type, String conversationId, Object payload, String originConnectionId) {
        publish(type, conversationId, payload);
    }

    /**
     * Publishes {@code event} as it is (its id and time included), with message attributes {@code type} and
     * {@code conversationId}; throws when it could not, so that the caller can try again.
     */
    void send(EventEnvelope event, String conversationId);
}
