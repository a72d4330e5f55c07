package io.wechat.user.events;

import java.util.Map;

import io.wechat.kit.events.SnsTopic;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes event envelopes to the user-events SNS topic with the {@code type} message attribute
 * that the subscribers' filter policies match on.
 */
public final class SnsEventPublisher implements EventPublisher {
    private final SnsTopic topic;

    public SnsEventPublisher(SnsClient sns, String topicArn) {
        this.topic = new SnsTopic(sns, topicArn);
    }

    @Override
    public void publish(String type, String body) {
        topic.publish(type, body, Map.of());
    }
}
