package io.wechat.media.events;

import java.time.Clock;
import java.util.Map;

import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SnsTopic;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes events to the media events SNS topic (MEDIA_EVENTS_TOPIC_ARN). */
public final class SnsEventPublisher implements EventPublisher {
    private final SnsTopic topic;
    private final Clock clock;

    public SnsEventPublisher(SnsClient sns, String topicArn, Clock clock) {
        this.topic = new SnsTopic(sns, topicArn);
        this.clock = clock;
    }

    @Override
    public void publish(String type, Object payload) {
        topic.publish(EventEnvelope.of(type, payload, clock), Map.of());
    }
}
