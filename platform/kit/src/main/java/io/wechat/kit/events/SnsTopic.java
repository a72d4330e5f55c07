package io.wechat.kit.events;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * An SNS topic a service publishes its events to, with the message attribute {@code type} the subscribers' filter
 * policies match on, and any others the service adds. Needs {@code software.amazon.awssdk:sns} on the service's
 * classpath (an optional dependency of the kit).
 */
public final class SnsTopic {
    private final SnsClient sns;
    private final String topicArn;

    public SnsTopic(SnsClient sns, String topicArn) {
        if (topicArn == null || topicArn.isBlank()) {
            throw new IllegalStateException("No SNS topic ARN configured");
        }
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** Publishes {@code event} as it is (its id and time included); throws when it could not. */
    public void publish(EventEnvelope event, Map<String, String> attributes) {
        publish(event.type(), event.toJson(), attributes);
    }

    /** Publishes {@code body}, an envelope already in JSON, of {@code type}; throws when it could not. */
    public void publish(String type, String body, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new HashMap<>();
        attributes.forEach((name, value) -> values.put(name, attribute(value)));
        values.put("type", attribute(type));
        sns.publish(b -> b.topicArn(topicArn).message(body).messageAttributes(values));
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
