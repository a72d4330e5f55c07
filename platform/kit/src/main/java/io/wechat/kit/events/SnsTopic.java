package io.wechat.kit.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * An SNS topic a service publishes its events to, with the message attribute {@code type} the subscribers' filter
 * policies match on, and any others the service adds. Needs {@code software.amazon.awssdk:sns} on the service's
 * classpath (an optional dependency of the kit).
 */
public final class SnsTopic {
    /** The most entries one PublishBatch takes. */
    static final int BATCH_ENTRIES = 10;
    /** The most bytes of bodies and attributes one PublishBatch takes (a standard topic's default maximum message size). */
    static final int BATCH_BYTES = 262_144;
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
        Map<String, MessageAttributeValue> values = values(type, attributes);
        sns.publish(b -> b.topicArn(topicArn).message(body).messageAttributes(values));
    }

    /**
     * Publishes {@code events}, each with {@code attributes} and its type, in their order, in PublishBatch calls of at
     * most {@value #BATCH_ENTRIES} entries and {@value #BATCH_BYTES} bytes: what one {@link #publish} each would publish,
     * in a tenth of the calls. A standard topic orders none of its deliveries, batched or not. Throws
     * {@link PartlyPublished} with how many, from the first, were published when one was not.
     */
    public void publishAll(List<EventEnvelope> events, Map<String, String> attributes) {
        int from = 0;
        while (from < events.size()) {
            List<PublishBatchRequestEntry> entries = new ArrayList<>();
            int bytes = 0;
            int to = from;
            while (to < events.size() && entries.size() < BATCH_ENTRIES) {
                EventEnvelope event = events.get(to);
                String body = event.toJson();
                Map<String, MessageAttributeValue> values = values(event.type(), attributes);
                int size = size(body, values);
                if (!entries.isEmpty() && bytes + size > BATCH_BYTES) {
                    break;
                }
                entries.add(PublishBatchRequestEntry.builder().id(Integer.toString(entries.size())).message(body)
                        .messageAttributes(values).build());
                bytes += size;
                to++;
            }
            PublishBatchResponse response;
            try {
                response = sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(entries));
            } catch (RuntimeException e) {
                throw new PartlyPublished(from, e);
            }
            if (response.hasFailed() && !response.failed().isEmpty()) {
                BatchResultErrorEntry first = response.failed().stream()
                        .min(Comparator.comparingInt(entry -> Integer.parseInt(entry.id()))).orElseThrow();
                throw new PartlyPublished(from + Integer.parseInt(first.id()), new IllegalStateException(
                        "SNS refused the event: " + first.code() + " " + first.message()));
            }
            from = to;
        }
    }

    private static Map<String, MessageAttributeValue> values(String type, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new HashMap<>();
        attributes.forEach((name, value) -> values.put(name, attribute(value)));
        values.put("type", attribute(type));
        return values;
    }

    /** What SNS counts of a message: its body, and each attribute's name, data type and value. */
    private static int size(String body, Map<String, MessageAttributeValue> values) {
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        for (var value : values.entrySet()) {
            size += utf8(value.getKey()) + utf8(value.getValue().dataType()) + utf8(value.getValue().stringValue());
        }
        return size;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
