package io.wechat.edge.esm;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.edge.Json;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Lambda's SQS event ({@code {"Records": [...]}}) and its partial batch response ({@code batchItemFailures}). */
final class SqsEvents {
    private SqsEvents() {
    }

    static ObjectNode event(List<Message> messages, String queueArn) {
        String region = region(queueArn);
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject()
                    .put("messageId", m.messageId())
                    .put("receiptHandle", m.receiptHandle())
                    .put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            m.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
            record.put("md5OfBody", m.md5OfBody());
            if (m.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs")
                    .put("eventSourceARN", queueArn)
                    .put("awsRegion", region);
        }
        return event;
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = Json.object();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        node.putArray("stringListValues");
        node.putArray("binaryListValues");
        node.put("dataType", value.dataType());
        return node;
    }

    /** arn:aws:sqs:REGION:ACCOUNT:NAME */
    static String region(String queueArn) {
        String[] parts = queueArn.split(":");
        return parts.length > 3 ? parts[3] : "";
    }

    /**
     * The ids of the messages to leave on the queue, following Lambda's rules for ReportBatchItemFailures: an empty
     * answer or an empty/absent list is success for all; an answer that is not JSON, or an item identifier that is
     * empty or not in the batch, fails the whole batch.
     */
    static Set<String> failures(String responseBody, List<String> batchIds) {
        if (responseBody == null || responseBody.isBlank()) {
            return Set.of();
        }
        JsonNode response;
        try {
            response = Json.parse(responseBody);
        } catch (RuntimeException e) {
            return new LinkedHashSet<>(batchIds);
        }
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (id.isEmpty() || !batchIds.contains(id)) {
                return new LinkedHashSet<>(batchIds);
            }
            ids.add(id);
        }
        return ids;
    }

    static List<String> ids(List<Message> messages) {
        List<String> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(m.messageId()));
        return ids;
    }
}
