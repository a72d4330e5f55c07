package io.wechat.media.events;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.wechat.media.web.Json;
import io.wechat.media.web.Times;
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

    /** The event envelope of DESIGN.md around {@code payload}. */
    public static Map<String, Object> envelope(String type, Object payload, Clock clock) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("version", 1);
        envelope.put("occurredAt", Times.format(clock.instant()));
        envelope.put("payload", payload);
        return envelope;
    }

    @Override
    public void publish(String type, Object payload) {
        sns.publish(b -> b.topicArn(topicArn).message(Json.write(envelope(type, payload, clock)))
                .messageAttributes(Map.of("type",
                        MessageAttributeValue.builder().dataType("String").stringValue(type).build())));
    }
}
