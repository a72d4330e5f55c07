package io.wechat.chat.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SnsTopic;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes events to the chat events SNS topic (CHAT_EVENTS_TOPIC_ARN). */
public final class SnsEventPublisher implements EventPublisher {
    private static final System.Logger LOG = System.getLogger(SnsEventPublisher.class.getName());
    private final SnsTopic topic;
    private final Clock clock;

    public SnsEventPublisher(SnsClient sns, String topicArn, Clock clock) {
        this.topic = new SnsTopic(sns, topicArn);
        this.clock = clock;
    }

    @Override
    public void publish(String type, String conversationId, Object payload) {
        try {
            send(EventEnvelope.of(type, payload, clock), conversationId);
        } catch (RuntimeException e) {
            // The change is committed; losing its event is logged loudly rather than failing the request.
            LOG.log(Level.ERROR, "Cannot publish " + type + " for conversation " + conversationId, e);
        }
    }

    @Override
    public void send(EventEnvelope event, String conversationId) {
        topic.publish(event, Map.of("conversationId", conversationId));
    }

    /** In PublishBatch calls of up to 10: the chat events topic is a standard one, which orders no delivery anyway. */
    @Override
    public void sendAll(List<EventEnvelope> events, String conversationId) {
        topic.publishAll(events, Map.of("conversationId", conversationId));
    }
}
