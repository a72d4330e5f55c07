package io.wechat.media.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.web.Json;
import io.wechat.media.verification.UploadVerifier;

/**
 * Consumes the media-uploads queue as Lambda SQS batches: each SQS body is an S3 event notification
 * ({@code Records[].s3.bucket.name}, {@code .object.key} URL-encoded, {@code .object.versionId}) or the
 * {@code s3:TestEvent} S3 sends when the notification is configured. A record that fails is reported in
 * {@code batchItemFailures}, so only it is redelivered (and lands in the DLQ after 3 receives).
 */
public final class S3EventsHandler {
    private final UploadVerifier verifier;

    public S3EventsHandler(UploadVerifier verifier) {
        this.verifier = verifier;
    }

    /** Handles an SQS event {@code {"Records":[...]}}; 400 when it is not one. */
    public SqsBatch.Response handle(byte[] event) {
        return handle(SqsBatch.records(event));
    }

    public SqsBatch.Response handle(List<SqsBatch.Record> records) {
        return SqsBatch.handle(records, this::process);
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
