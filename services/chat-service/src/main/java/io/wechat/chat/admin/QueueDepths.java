package io.wechat.chat.admin;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The depth of each configured queue and of its dead-letter queue (SQS {@code ApproximateNumberOfMessages}). The
 * dead-letter queue is the one the queue's redrive policy names; Terraform creates it beside its queue (same account
 * and region), so its URL is the queue's with the last segment replaced. The service's role may only read these
 * queues' attributes. A depth that cannot be read is null.
 */
public final class QueueDepths {
    private static final System.Logger LOG = System.getLogger(QueueDepths.class.getName());
    private final SqsClient sqs;
    private final List<String> queueUrls;

    public QueueDepths(SqsClient sqs, List<String> queueUrls) {
        this.sqs = sqs;
        this.queueUrls = List.copyOf(queueUrls);
    }

    /** One queue: its name, depth and its dead-letter queue's depth (null without one). */
    public record Queue(String name, Long depth, Long deadLetterDepth) {
    }

    public List<Queue> all() {
        List<Queue> queues = new ArrayList<>();
        for (String url : queueUrls) {
            Map<String, String> attributes = attributes(url, List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                                                     QueueAttributeName.REDRIVE_POLICY));
            Long deadLetterDepth = null;
            String redrive = attributes.get(QueueAttributeName.REDRIVE_POLICY.toString());
            if (redrive != null) {
                JsonNode policy = Json.tree(redrive.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String arn = policy.path("deadLetterTargetArn").asText("");
                String dlqUrl = url.substring(0, url.lastIndexOf('/') + 1) + arn.substring(arn.lastIndexOf(':') + 1);
                deadLetterDepth = depth(attributes(dlqUrl, List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
            }
            queues.add(new Queue(url.substring(url.lastIndexOf('/') + 1), depth(attributes), deadLetterDepth));
        }
        return queues;
    }

    private Map<String, String> attributes(String url, List<QueueAttributeName> names) {
        try {
            return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(names)).attributesAsStrings();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the attributes of queue " + url + ": " + e);
            return Map.of();
        }
    }

    private static Long depth(Map<String, String> attributes) {
        String value = attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES.toString());
        return value == null ? null : Long.valueOf(value);
    }
}
