package io.wechat.kit.events;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;

/**
 * A Lambda SQS batch, as {@code POST /events} receives it: each record handled on its own, and the answer Lambda's SQS
 * event source understands, naming the records that failed so that only they are redelivered (and land in the DLQ
 * after the queue's receive count).
 */
public final class SqsBatch {
    private static final System.Logger LOG = System.getLogger(SqsBatch.class.getName());

    private SqsBatch() {
    }

    /** One SQS record: its messageId (for batchItemFailures) and its body. */
    public record Record(String messageId, String body) {
    }

    /** {@code {"batchItemFailures":[{"itemIdentifier": messageId}, ...]}}. */
    public record Response(List<Map<String, String>> batchItemFailures) {
    }

    /** The records of an SQS event {@code {"Records":[...]}}; 400 when it is not one. */
    public static List<Record> records(byte[] event) {
        return records(Json.tree(event));
    }

    /** The records of an SQS event already parsed; 400 when it is not one. */
    public static List<Record> records(JsonNode event) {
        JsonNode records = event.path("Records");
        if (!records.isArray()) {
            throw ApiException.badRequest("invalid_event", "Expected an SQS event with Records");
        }
        List<Record> batch = new ArrayList<>();
        for (JsonNode record : records) {
            batch.add(new Record(record.path("messageId").asText(""),
                    record.path("body").isTextual() ? record.path("body").asText() : ""));
        }
        return batch;
    }

    /** Hands each record's body to {@code process}; a record it throws for is logged and reported as failed. */
    public static Response handle(List<Record> records, Consumer<String> process) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (Record record : records) {
            try {
                process.accept(record.body());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Event in SQS message " + record.messageId() + " failed: " + e, e);
                failures.add(Map.of("itemIdentifier", record.messageId()));
            }
        }
        return new Response(failures);
    }
}
