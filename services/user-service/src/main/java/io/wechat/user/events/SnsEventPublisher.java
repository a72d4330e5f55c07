package io.wechat.user.events;

import java.util.Map;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes event envelopes to the user-events SNS topic with the {@code type} message attribute
 * that the subscribers' filter policies match on.
 */
public final class SnsEventPublisher implements EventPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public SnsEventPublisher(SnsClient sns, String topicArn) {
        if (topicArn.isBlank()) {
            throw new IllegalStateException("USER_EVENTS_TOPIC_ARN is not set");
        }
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(String type, String body) {
        sns.publish(p -> p.topicArn(topicArn)
                .message(body)
                .messageAttributes(Map.of("type", MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue(type)
                        .build())));
    }
}
