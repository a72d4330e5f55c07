package io.wechat.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQS event source mappings through a real edge and the real emulator: a batch with one failing record. */
class EventSourceMappingIT {

    @Test
    void deletesWhatSucceededAndRedrivesTheFailedRecordToTheDlq() throws Exception {
        String name = TestCloud.name("esm");
        try (SqsClient sqs = TestCloud.sqs(); Upstream upstream = new Upstream()) {
            String dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
            String dlqArn = arn(sqs, dlqUrl);
            String queueUrl = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
            String queueArn = arn(sqs, queueUrl);
            for (String body : List.of("good-1", "bad", "good-2")) {
                sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of(
                        "type", MessageAttributeValue.builder().dataType("String").stringValue("user.blocked").build())));
            }
            upstream.eventAnswer = event -> {
                for (JsonNode record : event.path("Records")) {
                    if (record.path("body").asText().equals("bad")) {
                        return new Upstream.Answer(200, "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                                + record.path("messageId").asText() + "\"}]}");
                    }
                }
                return new Upstream.Answer(200, "{\"batchItemFailures\":[]}");
            };

            ObjectNode outputs = TestEdge.outputs();
            outputs.putObject("event_source_mappings").putArray("value").addObject()
                    .put("queue_url", queueUrl).put("queue_arn", queueArn).put("service", "chat-service")
                    .put("batch_size", 10).put("maximum_batching_window_seconds", 0);
            List<JsonNode> records = new ArrayList<>();
            // One poller: the queue's 1 s visibility (a quick redrive) is shorter than a delivery on a busy machine, and a
            // second poller would receive a record again while its first delivery is in flight (the stack's queues keep
            // a record invisible 180 s against the mapping's 30 s function timeout, so their pollers never overlap).
            try (Edge edge = TestEdge.start(upstream, outputs, Map.of("ESM_ENABLED", "true", "ESM_WAIT_TIME_SECONDS", "1",
                                                                       "ESM_QUEUE_POLLERS", "1",
                                                                       "AWS_ENDPOINT_URL", TestCloud.endpoint()))) {
                long deadline = System.currentTimeMillis() + 20_000;
                List<String> inDlq = new ArrayList<>();
                while (inDlq.isEmpty() && System.currentTimeMillis() < deadline) {
                    sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1)).messages().forEach(m -> inDlq.add(m.body()));
                }
                assertEquals(List.of("bad"), inDlq, "the failing record reaches the DLQ after maxReceiveCount");
            }
            for (JsonNode event; (event = upstream.events.poll()) != null; ) {
                event.path("Records").forEach(records::add);
            }
            assertEquals(1, records.stream().filter(r -> r.path("body").asText().equals("good-1")).count(), "deleted after success");
            assertEquals(1, records.stream().filter(r -> r.path("body").asText().equals("good-2")).count());
            List<JsonNode> bad = records.stream().filter(r -> r.path("body").asText().equals("bad")).toList();
            assertEquals(2, bad.size(), "the failing record comes back until maxReceiveCount");
            assertEquals("2", bad.get(1).path("attributes").path("ApproximateReceiveCount").asText());

            JsonNode record = records.getFirst();
            assertEquals("aws:sqs", record.path("eventSource").asText());
            assertEquals(queueArn, record.path("eventSourceARN").asText());
            assertEquals("us-east-1", record.path("awsRegion").asText());
            assertFalse(record.path("receiptHandle").asText().isEmpty());
            assertFalse(record.path("md5OfBody").asText().isEmpty());
            assertTrue(record.path("attributes").has("SentTimestamp"));
            assertEquals("user.blocked", record.path("messageAttributes").path("type").path("stringValue").asText());
            assertEquals("String", record.path("messageAttributes").path("type").path("dataType").asText());
            assertEquals(0, sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages().size(), "the queue is empty");
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
            sqs.deleteQueue(r -> r.queueUrl(dlqUrl));
        }
    }

    private static String arn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
