package io.wechat.media.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import au.com.dius.pact.core.model.V4Interaction;
import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.web.Json;

/** Lambda SQS batches, as the edge (or Lambda) posts them to {@code POST /events}. */
public final class SqsBatches {
    private SqsBatches() {
    }

    /** The batch of these records, as a body to post. */
    public static Map<String, Object> of(List<SqsBatch.Record> records) {
        return Map.of("Records", records.stream().<Map<String, Object>>map(r -> Map.of(
                "messageId", r.messageId(), "body", r.body(), "eventSource", "aws:sqs")).toList());
    }

    /** A pact message's content as the body of a one-record batch, read as a handler receives it. */
    public static JsonNode of(V4Interaction.AsynchronousMessage message) {
        return ofBody(body(message));
    }

    /** A one-record batch of this SQS message body, read as a handler receives it. */
    public static JsonNode ofBody(String body) {
        return Json.tree(Json.write(of(List.of(new SqsBatch.Record("q-1", body)))).getBytes(StandardCharsets.UTF_8));
    }

    /** A pact message's content, the body of its SQS message. */
    public static String body(V4Interaction.AsynchronousMessage message) {
        return new String(message.getContents().getContents().getValue(), StandardCharsets.UTF_8);
    }
}
