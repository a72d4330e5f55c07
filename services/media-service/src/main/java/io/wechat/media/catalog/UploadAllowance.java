package io.wechat.media.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.wechat.kit.web.ApiException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How many uploads, and how many bytes, one user may have reserved and not yet uploaded: a reservation is
 * outstanding from {@code POST /media/uploads} until its upload is verified or rejected, or its presigned URL
 * expires. Kept in the media table as one item per user ({@code pk = "UPLOADS#<userId>"}, {@code sk = "OUTSTANDING"})
 * with a map of its reservations, written under an optimistic version check so concurrent reservations cannot
 * both take the last slot. Past a limit: 429 {@code quota_exceeded}, {@code Retry-After} when the soonest
 * reservation's URL expires.
 */
public final class UploadAllowance {
    private static final String SK = "OUTSTANDING";
    private static final int ATTEMPTS = 5;
    private final DynamoDbClient dynamo;
    private final String table;
    private final int maxCount;
    private final long maxBytes;
    private final Clock clock;

    public UploadAllowance(DynamoDbClient dynamo, String table, int maxCount, long maxBytes, Clock clock) {
        if (maxCount < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("upload limits must be positive");
        }
        this.dynamo = dynamo;
        this.table = table;
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Records a reservation of {@code bytes} until {@code until}, or throws 429 when it would exceed a limit. */
    public void reserve(String userId, String mediaId, long bytes, Instant until) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(userId)).consistentRead(true)).item();
            boolean exists = item != null && !item.isEmpty();
            long version = exists ? Long.parseLong(item.get("version").n()) : 0;
            Map<String, AttributeValue> live = new HashMap<>();
            long outstanding = 0;
            long soonest = Long.MAX_VALUE;
            if (exists && item.containsKey("reservations")) {
                for (var entry : item.get("reservations").m().entrySet()) {
                    long entryUntil = Long.parseLong(entry.getValue().m().get("until").n());
                    if (entryUntil > now.getEpochSecond()) {
                        live.put(entry.getKey(), entry.getValue());
                        outstanding += Long.parseLong(entry.getValue().m().get("bytes").n());
                        soonest = Math.min(soonest, entryUntil);
                    }
                }
            }
            if (live.size() >= maxCount || outstanding + bytes > maxBytes) {
                long wait = soonest == Long.MAX_VALUE ? 1 : Math.max(1, soonest - now.getEpochSecond());
                throw ApiException.tooManyRequests("quota_exceeded", "Quota of outstanding uploads (" + maxCount + " and "
                        + maxBytes / (1024 * 1024) + " MB at a time) used up, retry later", Duration.ofSeconds(wait));
            }
            live.put(mediaId, AttributeValue.fromM(Map.of("bytes", n(bytes), "until", n(until.getEpochSecond()))));
            long latest = live.values().stream().mapToLong(v -> Long.parseLong(v.m().get("until").n())).max().orElseThrow();
            Map<String, AttributeValue> next = new HashMap<>(key(userId));
            next.put("reservations", AttributeValue.fromM(live));
            next.put("version", n(version + 1));
            next.put("expires_at", n(latest));
            try {
                dynamo.putItem(b -> b.tableName(table).item(next)
                        .conditionExpression(exists ? "version = :version" : "attribute_not_exists(pk)")
                        .expressionAttributeValues(exists ? Map.of(":version", n(version)) : null));
                return;
            } catch (ConditionalCheckFailedException e) {
                // Another reservation of this user won the race: read again.
            }
        }
        throw ApiException.unavailable("busy", "Too many concurrent uploads, retry");
    }

    /** The upload was decided (verified or rejected): it no longer counts. */
    public void release(String userId, String mediaId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(userId))
                    .conditionExpression("attribute_exists(pk)")
                    .updateExpression("REMOVE reservations.#media ADD version :one")
                    .expressionAttributeNames(Map.of("#media", mediaId))
                    .expressionAttributeValues(Map.of(":one", n(1))));
        } catch (ConditionalCheckFailedException e) {
            // Nothing outstanding for this user any more.
        }
    }

    /** Forgets the user's outstanding uploads (their account was deleted). Idempotent. */
    public void forget(String userId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(userId)));
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("pk", AttributeValue.fromS("UPLOADS#" + userId), "sk", AttributeValue.fromS(SK));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
