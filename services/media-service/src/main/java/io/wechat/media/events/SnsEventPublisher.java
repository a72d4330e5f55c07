package io.wechat.media.events;

import java.util.Map;

import io.wechat.kit.events.EventEnvelope;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes events to the media events SNS topic (MEDIA_EVENTS_TOPIC_ARN). */
public final class SnsEventPublisher implements EventPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public SnsEventPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(EventEnvelope event) {
        sns.publish(b -> b.topicArn(topicArn).message(event.toJson())
                .messageAttributes(Map.of("type",
                        MessageAttributeValue.builder().dataType("String").stringValue(event.type()).build())));
    }
}
