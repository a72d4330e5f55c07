package io.wechat.chat.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.wechat.chat.web.Json;
import io.wechat.chat.web.Times;
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
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("version", 1);
        envelope.put("occurredAt", Times.format(clock.instant()));
        envelope.put("payload", payload);
        try {
            sns.publish(b -> b.topicArn(topicArn).message(Json.write(envelope)).messageAttributes(Map.of(
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
