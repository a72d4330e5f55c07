package io.wechat.media.events;

import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.media.verification.UploadVerifier;

/**
 * Consumes the media-uploads queue as Lambda SQS batches: each SQS body is an S3 event notification
 * ({@code Records[].s3.bucket.name}, {@code .object.key} URL-encoded, {@code .object.versionId}) or the
 * {@code s3:TestEvent} S3 sends when the notification is configured. A record that fails is reported in
 * {@code batchItemFailures}, so only it is redelivered (and lands in the DLQ after 3 receives).
 */
public final class S3EventsHandler {
    private static final System.Logger LOG = System.getLogger(S3EventsHandler.class.getName());
    private final UploadVerifier verifier;

    public S3EventsHandler(UploadVerifier verifier) {
        this.verifier = verifier;
    }

    /** One SQS record: its messageId (for batchItemFailures) and body (the S3 notification). */
    public record SqsRecord(String messageId, String body) {
    }

    /** The answer Lambda's SQS event source understands. */
    public record BatchResponse(List<Map<String, String>> batchItemFailures) {
    }

    /** Handles an SQS event {@code {"Records":[...]}}; 400 when it is not one. */
    public BatchResponse handle(byte[] event) {
        JsonNode records = Json.tree(event).path("Records");
        if (!records.isArray()) {
            throw ApiException.badRequest("invalid_event", "Expected an SQS event with Records");
        }
        List<SqsRecord> batch = new ArrayList<>();
        for (JsonNode record : records) {
            batch.add(new SqsRecord(record.path("messageId").asText(""), record.path("body").asText("")));
        }
        return handle(batch);
    }

    public BatchResponse handle(List<SqsRecord> records) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (SqsRecord record : records) {
            try {
                process(record.body());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "S3 event in SQS message " + record.messageId() + " failed: " + e, e);
                failures.add(Map.of("itemIdentifier", record.messageId()));
            }
        }
        return new BatchResponse(failures);
    }

    private void process(String body) {
        JsonNode notification = Json.tree(body.getBytes(StandardCharsets.UTF_8));
        if ("s3:TestEvent".equals(notification.path("Event").asText())) {
            return;
        }
        JsonNode records = notification.path("Records");
        if (!records.isArray()) {
            throw new IllegalArgumentException("not an S3 event notification");
        }
        for (JsonNode record : records) {
            if (!record.path("eventName").asText("").startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").asText(null);
            String key = s3.path("object").path("key").asText(null);
            if (bucket == null || key == null) {
                throw new IllegalArgumentException("S3 record without bucket or key");
            }
            String versionId = s3.path("object").path("versionId").asText(null);
            verifier.objectCreated(bucket, decodeKey(key), versionId == null || versionId.isEmpty() ? null : versionId);
        }
    }

    /** S3 notifications URL-encode keys with '+' for spaces (form encoding). */
    static String decodeKey(String key) {
        return URLDecoder.decode(key, StandardCharsets.UTF_8);
    }
}
