package io.wechat.edge.esm;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.edge.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Lambda's DynamoDB stream event ({@code DynamodbEvent}: {@code {"Records": [...]}} with DynamoDB JSON images), its
 * partial batch response, and the record Lambda sends to an on-failure destination when it gives up on a batch.
 */
final class StreamEvents {
    private StreamEvents() {
    }

    static ObjectNode event(List<Record> records, String streamArn) {
        ObjectNode event = Json.object();
        ArrayNode array = event.putArray("Records");
        for (Record r : records) {
            ObjectNode record = array.addObject()
                    .put("eventID", r.eventID())
                    .put("eventName", r.eventNameAsString())
                    .put("eventVersion", "1.1")
                    .put("eventSource", "aws:dynamodb")
                    .put("awsRegion", region(streamArn));
            StreamRecord stream = r.dynamodb();
            ObjectNode dynamodb = record.putObject("dynamodb");
            if (stream.approximateCreationDateTime() != null) {
                dynamodb.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
            }
            dynamodb.set("Keys", image(stream.keys()));
            if (stream.hasNewImage()) {
                dynamodb.set("NewImage", image(stream.newImage()));
            }
            if (stream.hasOldImage()) {
                dynamodb.set("OldImage", image(stream.oldImage()));
            }
            dynamodb.put("SequenceNumber", stream.sequenceNumber());
            if (stream.sizeBytes() != null) {
                dynamodb.put("SizeBytes", stream.sizeBytes());
            }
            dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
            if (r.userIdentity() != null) {
                record.putObject("userIdentity").put("type", r.userIdentity().type()).put("principalId", r.userIdentity().principalId());
            }
            record.put("eventSourceARN", streamArn);
        }
        return event;
    }

    static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode node = Json.object();
        item.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode node = Json.object();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64(v.b()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode set = node.putArray("BS");
                v.bs().forEach(b -> set.add(base64(b)));
            }
            case M -> node.set("M", image(v.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(element -> list.add(value(element)));
            }
            default -> throw new IllegalArgumentException("unknown attribute value type " + v.type());
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    /** arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL */
    static String region(String streamArn) {
        String[] parts = streamArn.split(":");
        return parts.length > 3 ? parts[3] : "";
    }

    /**
     * How many records of the batch succeeded, in order, by Lambda's rules for ReportBatchItemFailures on a stream: an
     * empty answer or an empty or absent list is success for all; otherwise the batch is good up to the failed record
     * with the lowest sequence number; an answer that is not JSON, or an identifier that is empty or not a sequence
     * number of the batch, fails the whole batch (0).
     */
    static int succeeded(String responseBody, List<String> sequenceNumbers) {
        if (responseBody == null || responseBody.isBlank()) {
            return sequenceNumbers.size();
        }
        JsonNode response;
        try {
            response = Json.parse(responseBody);
        } catch (RuntimeException e) {
            return 0;
        }
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull() || failures.isEmpty()) {
            return sequenceNumbers.size();
        }
        int first = sequenceNumbers.size();
        for (JsonNode failure : failures) {
            int index = sequenceNumbers.indexOf(failure.path("itemIdentifier").asText(""));
            if (index < 0) {
                return 0;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    /** What Lambda sends to a stream mapping's on-failure destination: where the records it gave up on are. */
    static ObjectNode failureRecord(String requestId, String service, String condition, int invokeCount, int statusCode,
                                    String streamArn, String shardId, List<Record> records, Instant now) {
        ObjectNode record = Json.object();
        record.putObject("requestContext")
                .put("requestId", requestId)
                .put("functionArn", "arn:aws:lambda:" + region(streamArn) + ":000000000000:function:" + service)
                .put("condition", condition)
                .put("approximateInvokeCount", invokeCount);
        ObjectNode response = record.putObject("responseContext").put("statusCode", statusCode).put("executedVersion", "$LATEST");
        if (statusCode < 200 || statusCode >= 300) {
            response.put("functionError", "Unhandled");
        }
        record.put("version", "1.0").put("timestamp", now.toString());
        StreamRecord first = records.getFirst().dynamodb();
        StreamRecord last = records.getLast().dynamodb();
        ObjectNode info = record.putObject("DDBStreamBatchInfo")
                .put("shardId", shardId)
                .put("startSequenceNumber", first.sequenceNumber())
                .put("endSequenceNumber", last.sequenceNumber());
        if (first.approximateCreationDateTime() != null && last.approximateCreationDateTime() != null) {
            info.put("approximateArrivalOfFirstRecord", first.approximateCreationDateTime().toString())
                    .put("approximateArrivalOfLastRecord", last.approximateCreationDateTime().toString());
        }
        info.put("batchSize", records.size()).put("streamArn", streamArn);
        return record;
    }
}
