package io.wechat.media.catalog;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Media records in the media table: one item per media, {@code pk = "MEDIA#<mediaId>"}, {@code sk = "META"}.
 * {@code expires_at} (epoch seconds, the table's TTL attribute) is set on pending and rejected items and
 * removed when the media becomes ready. Status changes are conditional on the item still being pending,
 * so a redelivered S3 event cannot change a decided media.
 */
public final class MediaStore {
    static final String META = "META";
    private final DynamoDbClient dynamo;
    private final String table;

    public MediaStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String pk(String mediaId) {
        return "MEDIA#" + mediaId;
    }

    /** Stores a new pending media; media ids are random, so a collision is a bug, not a conflict. */
    public void createPending(Media media, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(media.mediaId()));
        item.put("media_id", s(media.mediaId()));
        item.put("owner_id", s(media.ownerId()));
        item.put("status", s(media.status().wire()));
        item.put("content_type", s(media.contentType()));
        item.put("size_bytes", n(media.sizeBytes()));
        item.put("file_name", s(media.fileName()));
        item.put("object_key", s(media.objectKey()));
        item.put("created_at", s(media.createdAt()));
        item.put("updated_at", s(media.updatedAt()));
        item.put("event_published", AttributeValue.fromBool(false));
        item.put("expires_at", n(expiresAt.getEpochSecond()));
        if (media.conversationId() != null) {
            item.put("conversation_id", s(media.conversationId()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /** The media; empty when there is none, or when a moderator removed its message (it is no longer served). */
    public Optional<Media> find(String mediaId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(mediaId)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || (item.containsKey("removed") && Boolean.TRUE.equals(item.get("removed").bool()))) {
            return Optional.empty();
        }
        return Optional.of(media(item));
    }

    /**
     * A moderator removed the message that carried this media: from now on it is not served (no metadata, no download
     * URL). Idempotent; unknown media is ignored.
     */
    public void markRemoved(String mediaId, String now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(mediaId))
                    .updateExpression("SET removed = :true, updated_at = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":now", s(now))));
        } catch (ConditionalCheckFailedException e) {
            // No such media (never uploaded, or its reservation expired): nothing to stop serving.
        }
    }

    /**
     * A forward of this media to {@code conversationId}: its members may read it from now on. An idempotent set add;
     * unknown media is ignored.
     */
    public void share(String mediaId, String conversationId, String now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(mediaId))
                    .updateExpression("ADD shared_with :c SET updated_at = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromSs(List.of(conversationId)), ":now", s(now))));
        } catch (ConditionalCheckFailedException e) {
            // No such media (its reservation expired): nothing to share.
        }
    }

    /** Forgets the media's record (its owner deleted their account). Idempotent. */
    public void delete(String mediaId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(mediaId)));
    }

    /** pending -> ready; false when the media was no longer pending (already decided). */
    public boolean markReady(String mediaId, String versionId, String thumbnailKey, Integer width, Integer height, String now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pending", s(MediaStatus.PENDING.wire()), ":ready", s(MediaStatus.READY.wire()), ":now", s(now)));
        StringBuilder set = new StringBuilder("SET #status = :ready, updated_at = :now");
        optional(set, values, "version_id", versionId == null ? null : s(versionId));
        optional(set, values, "thumbnail_key", thumbnailKey == null ? null : s(thumbnailKey));
        optional(set, values, "width", width == null ? null : n(width));
        optional(set, values, "height", height == null ? null : n(height));
        return transition(mediaId, set + " REMOVE expires_at", values);
    }

    /** pending -> rejected with a reason; the record then ages out at {@code expiresAt}. */
    public boolean markRejected(String mediaId, String reason, String now, Instant expiresAt) {
        Map<String, AttributeValue> values = Map.of(
                ":pending", s(MediaStatus.PENDING.wire()), ":rejected", s(MediaStatus.REJECTED.wire()),
                ":reason", s(reason), ":now", s(now), ":expires", n(expiresAt.getEpochSecond()));
        return transition(mediaId,
                "SET #status = :rejected, rejection_reason = :reason, updated_at = :now, expires_at = :expires", values);
    }

    public void markEventPublished(String mediaId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(mediaId))
                .conditionExpression("attribute_exists(pk)")
                .updateExpression("SET event_published = :true")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
    }

    private boolean transition(String mediaId, String update, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(mediaId))
                    .conditionExpression("#status = :pending")
                    .updateExpression(update)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static void optional(StringBuilder set, Map<String, AttributeValue> values, String name, AttributeValue value) {
        if (value != null) {
            set.append(", ").append(name).append(" = :").append(name);
            values.put(":" + name, value);
        }
    }

    private static Media media(Map<String, AttributeValue> item) {
        return new Media(str(item, "media_id"), str(item, "owner_id"), MediaStatus.fromWire(str(item, "status")),
                str(item, "content_type"), Long.parseLong(item.get("size_bytes").n()), str(item, "file_name"),
                str(item, "conversation_id"), str(item, "object_key"), str(item, "version_id"),
                str(item, "thumbnail_key"), integer(item, "width"), integer(item, "height"),
                str(item, "rejection_reason"), str(item, "created_at"), str(item, "updated_at"),
                item.containsKey("event_published") && Boolean.TRUE.equals(item.get("event_published").bool()),
                item.containsKey("shared_with") && item.get("shared_with").hasSs() ? Set.copyOf(item.get("shared_with").ss()) : Set.of());
    }

    private static Map<String, AttributeValue> key(String mediaId) {
        return Map.of("pk", s(pk(mediaId)), "sk", s(META));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Integer integer(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : Integer.valueOf(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
