package io.wechat.chat.realtime;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.events.EventPublisher;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.web.Json;

/**
 * Every chat event, after its write: pushed as a frame to the members' live connections ({@link Frames},
 * {@link FanOut}), then published (SNS), except the types published from the committed data itself
 * ({@code publishedElsewhere}: the message events, from the messages table's stream), which only get the push.
 */
public final class RealtimeEventPublisher implements EventPublisher {
    private final EventPublisher delegate;
    private final FanOut fanOut;
    private final Set<String> publishedElsewhere;

    public RealtimeEventPublisher(EventPublisher delegate, FanOut fanOut, Set<String> publishedElsewhere) {
        this.delegate = delegate;
        this.fanOut = fanOut;
        this.publishedElsewhere = Set.copyOf(publishedElsewhere);
    }

    @Override
    public void publish(String type, String conversationId, Object payload) {
        publish(type, conversationId, payload, null);
    }

    @Override
    public void publish(String type, String conversationId, Object payload, String originConnectionId) {
        ObjectNode tree = Json.MAPPER.valueToTree(payload);
        Frames.forEvent(type, tree).ifPresent(delivery ->
                fanOut.push(delivery.userIds(), delivery.frame(), originConnectionId));
        if (!publishedElsewhere.contains(type)) {
            delegate.publish(type, conversationId, tree);
        }
    }

    @Override
    public void send(EventEnvelope event, String conversationId) {
        delegate.send(event, conversationId);
    }
}
