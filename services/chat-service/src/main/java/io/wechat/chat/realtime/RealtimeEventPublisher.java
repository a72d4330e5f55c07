package io.wechat.chat.realtime;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.events.EventPublisher;
import io.wechat.kit.web.Json;

/**
 * Every chat event, after its write: first pushed as a frame to the members' live connections
 * ({@link Frames}, {@link FanOut}), then published (SNS). {@code message.sent} gains
 * {@code onlineRecipientIds}: the recipients that this fan-out reached on at least one connection, so that
 * notification-service can skip pushing to users who have the message on screen already.
 */
public final class RealtimeEventPublisher implements EventPublisher {
    private final EventPublisher delegate;
    private final FanOut fanOut;

    public RealtimeEventPublisher(EventPublisher delegate, FanOut fanOut) {
        this.delegate = delegate;
        this.fanOut = fanOut;
    }

    @Override
    public void publish(String type, String conversationId, Object payload) {
        ObjectNode tree = Json.MAPPER.valueToTree(payload);
        Set<String> reached = Frames.forEvent(type, tree)
                .map(delivery -> fanOut.push(delivery.userIds(), delivery.frame()))
                .orElse(Set.of());
        if ("message.sent".equals(type)) {
            ArrayNode online = tree.putArray("onlineRecipientIds");
            tree.path("recipients").forEach(id -> {
                if (reached.contains(id.asText())) {
                    online.add(id.asText());
                }
            });
        }
        delegate.publish(type, conversationId, tree);
    }
}
