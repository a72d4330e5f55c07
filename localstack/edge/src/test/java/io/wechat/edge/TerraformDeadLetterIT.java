package io.wechat.edge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.kit.testing.TerraformFixture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poison message on a queue built by Terraform's messaging module (the platform's, through
 * {@code terraform/fixtures/consumer-queue}, applied for this test under a run-unique name) reaches that queue's
 * dead-letter queue through the edge's poller: the event source mapping is the local environment's Terraform output
 * for notification-service, pointed at this run's queue; the redrive policy (dead-letter queue, maxReceiveCount) and
 * the visibility timeout come from the queue Terraform made, nothing from here. The consumer behind the edge fails
 * every record, as a service does with a body it cannot read: on a queue of its own, so no real consumer's messages
 * are touched, even when a developer's stack runs beside the test.
 */
class TerraformDeadLetterIT {
    private static final String SERVICE = "notification-service";

    @Test
    void aPoisonMessageOnATerraformQueueReachesItsDeadLetterQueueThroughTheEdge() throws Exception {
        JsonNode outputs = Json.parse(Files.readAllBytes(terraformOutputs()));
        JsonNode mapping = StreamSupport.stream(outputs.path("event_source_mappings").path("value").spliterator(), false)
                .filter(m -> m.path("service").asText().equals(SERVICE)).findFirst()
                .orElseThrow(() -> new AssertionError("Terraform's outputs map no queue to " + SERVICE));
        String poison = "poison " + UUID.randomUUID() + ": not an event";
        TerraformFixture fixture = TerraformFixture.shared("consumer-queue");
        String queueUrl = fixture.output("queue_url");
        try (SqsClient sqs = TestCloud.sqs(); Upstream upstream = new Upstream()) {
            ((ObjectNode) mapping).put("queue_url", queueUrl).put("queue_arn", fixture.output("queue_arn"));
            Map<QueueAttributeName, String> queue = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY, QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
            JsonNode redrive = Json.parse(queue.get(QueueAttributeName.REDRIVE_POLICY));
            String deadLetterArn = redrive.path("deadLetterTargetArn").asText();
            int maxReceiveCount = redrive.path("maxReceiveCount").asInt();
            String deadLetterUrl = sqs.getQueueUrl(r -> r.queueName(deadLetterArn.substring(deadLetterArn.lastIndexOf(':') + 1)))
                    .queueUrl();
            assertEquals(fixture.output("dlq_url"), deadLetterUrl, "the redrive policy names the module's dead-letter queue");
            upstream.eventAnswer = event -> new Upstream.Answer(200, failuresOf(event));

            ObjectNode edgeOutputs = TestEdge.outputs();
            edgeOutputs.putObject("event_source_mappings").putArray("value").add(mapping);
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(poison));
            List<String> deadLetters = new ArrayList<>();
            // One poller: the fixture's 2 s visibility is shorter than a delivery on a busy machine (EventSourceMappingIT).
            try (Edge edge = TestEdge.start(upstream, edgeOutputs, Map.of("ESM_ENABLED", "true", "ESM_WAIT_TIME_SECONDS", "1",
                                                                           "ESM_QUEUE_POLLERS", "1",
                                                                           "AWS_ENDPOINT_URL", TestCloud.endpoint()))) {
                // Terraform's visibility timeout between receives, maxReceiveCount of them, and some slack.
                long patience = (Long.parseLong(queue.get(QueueAttributeName.VISIBILITY_TIMEOUT)) * (maxReceiveCount + 1) + 30) * 1000;
                long deadline = System.currentTimeMillis() + patience;
                while (!deadLetters.contains(poison) && System.currentTimeMillis() < deadline) {
                    sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                            .forEach(m -> {
                                if (m.body().equals(poison)) {
                                    deadLetters.add(m.body());
                                    sqs.deleteMessage(d -> d.queueUrl(deadLetterUrl).receiptHandle(m.receiptHandle()));
                                }
                            });
                }
            }
            assertEquals(List.of(poison), deadLetters, "the poison message is in " + deadLetterUrl);
            List<JsonNode> deliveries = new ArrayList<>();
            for (JsonNode event; (event = upstream.events.poll()) != null; ) {
                event.path("Records").forEach(record -> {
                    if (record.path("body").asText().equals(poison)) {
                        deliveries.add(record);
                    }
                });
            }
            assertEquals(maxReceiveCount, deliveries.size(), "delivered to the consumer maxReceiveCount times, then redriven");
            assertTrue(deliveries.stream().allMatch(r -> r.path("eventSourceARN").asText().equals(mapping.path("queue_arn").asText())));
        } finally {
            try (SqsClient sqs = TestCloud.sqs()) {
                sqs.deleteQueue(r -> r.queueUrl(queueUrl));
                sqs.deleteQueue(r -> r.queueUrl(fixture.output("dlq_url")));
            }
        }
    }

    /** Every record of the batch reported failed: the queue is this run's, and holds only the poison. */
    private static String failuresOf(JsonNode event) {
        ObjectNode answer = Json.object();
        var failures = answer.putArray("batchItemFailures");
        event.path("Records").forEach(record -> failures.addObject().put("itemIdentifier", record.path("messageId").asText()));
        return answer.toString();
    }

    /** The outputs of the running local cloud's Terraform (written by `cloud up`; run-tests names them). */
    private static Path terraformOutputs() {
        String configured = System.getenv("EDGE_TERRAFORM_OUTPUTS");
        Path outputs = configured == null || configured.isBlank()
                ? Path.of("..", "..", ".local", "env", "terraform-outputs.json") : Path.of(configured);
        if (!Files.isRegularFile(outputs)) {
            throw new IllegalStateException("No Terraform outputs of the local cloud at " + outputs.toAbsolutePath()
                    + ": run the edge's tests through `make test` (or after `make up`)");
        }
        return outputs;
    }
}
