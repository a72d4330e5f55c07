package io.wechat.media.events;

import java.time.Clock;
import java.util.Map;

import io.wechat.kit.events.EventEnvelope;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes events to the media events SNS topic (MEDIA_EVENTS_TOPIC_ARN). */
public final class SnsEventPublisher implements EventPublisher {
    private final SnsClient sns;
    private final String topicArn;
    private final Clock clock;

    public SnsEventPublisher(SnsClient sns, String topicArn, Clock clock) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.clock = clock;
    }

    @Override
    public void publish(String type, Object payload) {
        sns.publish(b -> b.topicArn(topicArn).message(EventEnvelope.of(type, payload, clock).toJson())
                .messageAttributes(Map.of("type",
                        MessageAttributeValue.builder().dataType("String").stringValue(type).build())));
    }
}
