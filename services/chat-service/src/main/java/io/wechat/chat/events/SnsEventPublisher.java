package io.wechat.chat.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;

import io.wechat.kit.events.EventEnvelope;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes events to the chat events SNS topic (CHAT_EVENTS_TOPIC_ARN). */
public final class SnsEventPublisher implements EventPublisher {
    private static final System.Logger LOG = System.getLogger(SnsEventPublisher.class.getName());
    private final SnsClient sns;
    private final String topicArn;
    private final Clock clock;

    public SnsEventPublisher(SnsClient sns, String topicArn, Clock clock) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.clock = clock;
    }

    @Override
    public void publish(String type, String conversationId, Object payload) {
        String envelope = EventEnvelope.of(type, payload, clock).toJson();
        try {
            sns.publish(b -> b.topicArn(topicArn).message(envelope).messageAttributes(Map.of(
                    "type", attribute(type),
                    "conversationId", attribute(conversationId))));
        } catch (RuntimeException e) {
            // The change is committed; losing its event is logged loudly rather than failing the request.
            LOG.log(Level.ERROR, "Cannot publish " + type + " for conversation " + conversationId, e);
        }
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
