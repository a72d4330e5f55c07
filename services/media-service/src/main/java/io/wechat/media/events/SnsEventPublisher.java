package io.wechat.media.events;

import java.util.Map;

import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SnsTopic;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes events to the media events SNS topic (MEDIA_EVENTS_TOPIC_ARN). */
public final class SnsEventPublisher implements EventPublisher {
    private final SnsTopic topic;

    public SnsEventPublisher(SnsClient sns, String topicArn) {
        this.topic = new SnsTopic(sns, topicArn);
    }

    @Override
    public void publish(EventEnvelope event) {
        topic.publish(event, Map.of());
    }
}
