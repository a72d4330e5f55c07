package io.wechat.chat.events;

import java.util.List;

import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.PartlyPublished;

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

    /**
     * {@link #send} of each of {@code events} of one conversation, in their order, in as few calls as the publisher can
     * make; throws {@link PartlyPublished} naming how many, from the first, are done when one is not.
     */
    default void sendAll(List<EventEnvelope> events, String conversationId) {
        for (int i = 0; i < events.size(); i++) {
            try {
                send(events.get(i), conversationId);
            } catch (RuntimeException e) {
                throw new PartlyPublished(i, e);
            }
        }
    }
}
