package io.wechat.edge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.edge.esm.StreamMappings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB stream event source mappings through a real edge and the real emulator's stream: the event's shape, a
 * partial batch failure retried from the failed record, a poison record bisected out and described on the on-failure
 * queue, and a restarted edge resuming after its checkpoint.
 */
class StreamMappingIT {

    @Test
    void deliversCommittedItemsInOrderRetriesFromTheFailedRecordAndResumesAfterARestart() throws Exception {
        String name = TestCloud.name("stream");
        Path checkpoints = Files.createTempDirectory("checkpoints");
        try (DynamoDbClient dynamo = TestCloud.dynamoDb(); SqsClient sqs = TestCloud.sqs(); Upstream upstream = new Upstream()) {
            String streamArn = tableWithStream(dynamo, name);
            String failuresUrl = sqs.createQueue(r -> r.queueName(name + "-failures")).queueUrl();
            for (int seq = 1; seq <= 4; seq++) {
                put(dynamo, name, seq, seq == 3 ? "poison" : "text-" + seq);
            }
            dynamo.updateItem(r -> r.tableName(name).key(key(1))
                    .updateExpression("SET body = :b").expressionAttributeValues(Map.of(":b", AttributeValue.fromS("edited"))));

            // The service under test: the poison record always fails the batch; text-2 fails once, as a partial
            // failure. What it acknowledges (the records before the first failure of a 2xx answer) is recorded.
            List<JsonNode> acknowledged = new CopyOnWriteArrayList<>();
            Function<JsonNode, Upstream.Answer> failPoisonAndText2Once = new Function<>() {
                boolean failedPartially;

                @Override
                public synchronized Upstream.Answer apply(JsonNode event) {
                    List<JsonNode> done = new ArrayList<>();
                    for (JsonNode record : event.path("Records")) {
                        String body = record.path("dynamodb").path("NewImage").path("body").path("S").asText();
                        if (body.equals("poison")) {
                            return new Upstream.Answer(500, "{\"message\":\"boom\"}");
                        }
                        if (body.equals("text-2") && !failedPartially) {
                            failedPartially = true;
                            acknowledged.addAll(done);
                            return new Upstream.Answer(200, "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                                    + record.path("dynamodb").path("SequenceNumber").asText() + "\"}]}");
                        }
                        done.add(record);
                    }
                    acknowledged.addAll(done);
                    return new Upstream.Answer(200, "{\"batchItemFailures\":[]}");
                }
            };
            upstream.eventAnswer = failPoisonAndText2Once;

            ObjectNode outputs = TestEdge.outputs();
            outputs.putObject("stream_event_source_mappings").putArray("value").addObject()
                    .put("stream_arn", streamArn).put("service", "chat-service").put("batch_size", 10)
                    .put("maximum_batching_window_seconds", 0).put("maximum_retry_attempts", 1)
                    .put("bisect_batch_on_function_error", true).put("starting_position", "TRIM_HORIZON")
                    .put("on_failure_queue_url", failuresUrl);
            Map<String, String> env = Map.of("ESM_ENABLED", "true", "ESM_WAIT_TIME_SECONDS", "1",
                                             "AWS_ENDPOINT_URL", TestCloud.endpoint(), "ESM_CHECKPOINT_DIR", checkpoints.toString());
            try (Edge edge = TestEdge.start(upstream, outputs, env)) {
                awaitAcknowledged(acknowledged, "MODIFY:edited");
                awaitCheckpoint(checkpoints, acknowledged.getLast().path("dynamodb").path("SequenceNumber").asText());
            }
            JsonNode failure = receiveOne(sqs, failuresUrl);
            JsonNode first = acknowledged.getFirst();
            assertEquals("INSERT", first.path("eventName").asText());
            assertEquals("aws:dynamodb", first.path("eventSource").asText());
            assertEquals(streamArn, first.path("eventSourceARN").asText());
            assertEquals("us-east-1", first.path("awsRegion").asText());
            assertEquals("1", first.path("dynamodb").path("Keys").path("seq").path("N").asText());
            assertEquals("text-1", first.path("dynamodb").path("NewImage").path("body").path("S").asText());
            assertEquals("NEW_AND_OLD_IMAGES", first.path("dynamodb").path("StreamViewType").asText());
            assertTrue(first.path("dynamodb").path("ApproximateCreationDateTime").isNumber());
            assertTrue(!first.path("eventID").asText().isEmpty());

            JsonNode info = failure.path("DDBStreamBatchInfo");
            assertEquals(1, info.path("batchSize").asInt(), "bisection isolates the poison record: " + failure);
            assertEquals(streamArn, info.path("streamArn").asText());
            assertEquals("RetryAttemptsExhausted", failure.path("requestContext").path("condition").asText());

            // A restarted edge resumes after its checkpoint: only the new record comes, nothing handled comes again.
            int before = upstream.eventCalls.get();
            try (Edge edge = TestEdge.start(upstream, outputs, env)) {
                put(dynamo, name, 5, "after-restart");
                awaitAcknowledged(acknowledged, "INSERT:after-restart");
            }
            assertEquals(1, upstream.eventCalls.get() - before, "after the restart one delivery, of the new record");
            assertEquals(List.of("INSERT:text-1", "INSERT:text-2", "INSERT:text-4", "MODIFY:edited", "INSERT:after-restart"),
                         acknowledged.stream().map(StreamMappingIT::describe).toList(),
                         "every record but the poison one acknowledged once, in order");
            dynamo.deleteTable(r -> r.tableName(name));
            sqs.deleteQueue(r -> r.queueUrl(failuresUrl));
        }
    }

    /**
     * With the parallelization factor Terraform gives the mapping, a partition key whose batch is still being worked on
     * does not hold up another key's records on the same shard, and each key's records come in their order.
     */
    @Test
    void aBusyPartitionKeyDoesNotHoldUpAnotherAndEachKeepsItsOrder() throws Exception {
        String name = TestCloud.name("stream");
        String busy = "busy";
        String other = otherLane(busy);
        try (DynamoDbClient dynamo = TestCloud.dynamoDb(); Upstream upstream = new Upstream()) {
            String streamArn = tableWithStream(dynamo, name);
            for (int seq = 1; seq <= 3; seq++) {
                put(dynamo, name, busy, seq);
                put(dynamo, name, other, seq);
            }

            // The busy key's batch is answered only once the other key's records were: one batch at a time, it never is.
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            CountDownLatch otherAcknowledged = new CountDownLatch(1);
            AtomicBoolean busyWaitedInVain = new AtomicBoolean();
            upstream.eventAnswer = event -> {
                List<String> keys = new ArrayList<>();
                event.path("Records").forEach(r -> keys.add(r.path("dynamodb").path("Keys").path("pk").path("S").asText()
                        + ":" + r.path("dynamodb").path("Keys").path("seq").path("N").asText()));
                if (keys.stream().anyMatch(k -> k.startsWith(busy + ":"))) {
                    try {
                        busyWaitedInVain.compareAndSet(false, !otherAcknowledged.await(20, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                acknowledged.addAll(keys);
                if (keys.stream().anyMatch(k -> k.startsWith(other + ":"))) {
                    otherAcknowledged.countDown();
                }
                return new Upstream.Answer(200, "{\"batchItemFailures\":[]}");
            };

            ObjectNode outputs = TestEdge.outputs();
            outputs.putObject("stream_event_source_mappings").putArray("value").addObject()
                    .put("stream_arn", streamArn).put("service", "chat-service").put("batch_size", 10)
                    .put("maximum_batching_window_seconds", 0).put("maximum_retry_attempts", 1)
                    .put("bisect_batch_on_function_error", true).put("starting_position", "TRIM_HORIZON")
                    .put("parallelization_factor", 10);
            try (Edge edge = TestEdge.start(upstream, outputs, Map.of("ESM_ENABLED", "true", "AWS_ENDPOINT_URL", TestCloud.endpoint()))) {
                long deadline = System.currentTimeMillis() + 60_000;
                while (acknowledged.size() < 6 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
            }
            assertFalse(busyWaitedInVain.get(), "the busy key's batch held up the other key's: " + acknowledged);
            assertEquals(List.of(busy + ":1", busy + ":2", busy + ":3"),
                         acknowledged.stream().filter(k -> k.startsWith(busy + ":")).toList());
            assertEquals(List.of(other + ":1", other + ":2", other + ":3"),
                         acknowledged.stream().filter(k -> k.startsWith(other + ":")).toList());
            dynamo.deleteTable(r -> r.tableName(name));
        }
    }

    /** A partition key that the edge puts in another lane than {@code key}'s with a factor of 10. */
    private static String otherLane(String key) {
        List<Record> both = new ArrayList<>();
        for (int i = 0; ; i++) {
            String candidate = "other-" + i;
            both.clear();
            for (String pk : List.of(key, candidate)) {
                both.add(Record.builder().dynamodb(d -> d.keys(Map.of("pk", AttributeValue.fromS(pk)))).build());
            }
            if (StreamMappings.lanes(both, "pk", 10).size() == 2) {
                return candidate;
            }
        }
    }

    private static void put(DynamoDbClient dynamo, String table, String pk, int seq) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                "seq", AttributeValue.fromN(Integer.toString(seq)), "body", AttributeValue.fromS(pk + "-" + seq))));
    }

    /** A table keyed by {@code pk} and {@code seq} with a stream of new and old images: its stream's ARN. */
    private static String tableWithStream(DynamoDbClient dynamo, String name) {
        return dynamo.createTable(r -> r.tableName(name)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("seq").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                      a -> a.attributeName("seq").attributeType(ScalarAttributeType.N))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    private static Map<String, AttributeValue> key(int seq) {
        return Map.of("pk", AttributeValue.fromS("c-1"), "seq", AttributeValue.fromN(Integer.toString(seq)));
    }

    private static void put(DynamoDbClient dynamo, String table, int seq, String body) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(seq));
        item.put("body", AttributeValue.fromS(body));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static String describe(JsonNode record) {
        return record.path("eventName").asText() + ":" + record.path("dynamodb").path("NewImage").path("body").path("S").asText();
    }

    private static void awaitAcknowledged(List<JsonNode> acknowledged, String wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (acknowledged.stream().noneMatch(r -> describe(r).equals(wanted))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(wanted + " was not acknowledged in 60 s; acknowledged: "
                        + acknowledged.stream().map(StreamMappingIT::describe).toList());
            }
            Thread.sleep(100);
        }
    }

    /** The edge answers first and then moves its checkpoint: a restart before that delivers the batch again. */
    private static void awaitCheckpoint(Path folder, String sequenceNumber) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (var files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    if (Files.readString(file).contains("\"" + sequenceNumber + "\"")) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint at " + sequenceNumber + " in " + folder + " within 10 s");
    }

    private static JsonNode receiveOne(SqsClient sqs, String queueUrl) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return Json.parse(messages.getFirst().body());
            }
        }
        throw new AssertionError("nothing reached the on-failure queue in 30 s");
    }
}
