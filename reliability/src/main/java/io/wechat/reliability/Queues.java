package io.wechat.reliability;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queues the edge polls for the services (Terraform's event source mappings) and their dead-letter queues. */
final class Queues implements AutoCloseable {
    record Consumed(String service, String queueUrl, String deadLetterUrl, int visibilitySeconds, int maxReceiveCount) {
        String name() {
            return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        }
    }

    private final SqsClient sqs;

    Queues(Stack stack) {
        this.sqs = SqsClient.builder().endpointOverride(URI.create(stack.awsEndpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Every mapped queue with its redrive policy, from {@code .local/env/terraform-outputs.json}. */
    List<Consumed> consumed(Stack stack) throws Exception {
        JsonNode outputs = Json.MAPPER.readTree(stack.state.resolve("env/terraform-outputs.json").toFile());
        List<Consumed> queues = new ArrayList<>();
        for (JsonNode mapping : outputs.path("event_source_mappings").path("value")) {
            String url = mapping.path("queue_url").asText();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY, QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
            JsonNode redrive = Json.parse(attributes.getOrDefault(QueueAttributeName.REDRIVE_POLICY, ""));
            String dlqArn = redrive.path("deadLetterTargetArn").asText("");
            String dlqUrl = dlqArn.isEmpty() ? null
                    : sqs.getQueueUrl(r -> r.queueName(dlqArn.substring(dlqArn.lastIndexOf(':') + 1))).queueUrl();
            queues.add(new Consumed(mapping.path("service").asText(), url, dlqUrl,
                    Integer.parseInt(attributes.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30")),
                    redrive.path("maxReceiveCount").asInt(0)));
        }
        return queues;
    }

    /** Messages in the queue, waiting or in flight. */
    int pending(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    void send(String queueUrl, String body) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }

    /**
     * Looks through a dead-letter queue for a message with this body (each look hides what it saw for 2 s, so that
     * the next one sees the rest; nothing consumes a dead-letter queue) and deletes it when found.
     */
    boolean takeIfPresent(String queueUrl, String body) {
        for (int i = 0; i < 20; i++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(2).waitTimeSeconds(0)).messages();
            for (Message m : messages) {
                if (m.body().equals(body)) {
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    return true;
                }
            }
            if (messages.size() < 10) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
