package io.wechat.notification.notifications;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Cursor;
import io.wechat.kit.web.Paging.Page;
import io.wechat.kit.web.Paging;
import io.wechat.kit.storage.Batches;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Each user's pushes, newest first: {@code USER#<userId>} / {@code NOTIF#<sentAt>#<eventId>}, kept 30
 * days. Writing the same event's entry again overwrites it, so redeliveries never add a second one.
 */
public final class NotificationLog {
    static final Duration RETENTION = Duration.ofDays(30);
    private static final String CURSOR_KIND = "notifications";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public NotificationLog(DynamoDbClient dynamo, Table table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table.name();
        this.clock = clock;
    }

    /** One entry of a user's log. */
    record Entry(String userId, Notification notification) {
    }

    /** Writes the entries in BatchWriteItem calls (25 each). */
    void recordAll(List<Entry> entries) {
        long expiresAt = clock.instant().plus(RETENTION).getEpochSecond();
        Batches.put(dynamo, table, entries.stream().map(e -> e.notification().toItem(e.userId(), expiresAt)).toList());
    }

    Page<Notification> page(String userId, Paging paging) {
        String pk = Keys.userPk(userId);
        var request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                        ":prefix", AttributeValue.fromS(Keys.NOTIFICATION_PREFIX)))
                .scanIndexForward(false)
                .limit(paging.limit());
        paging.cursor().ifPresent(cursor -> {
            String sk = Cursor.decode(cursor, CURSOR_KIND, "sk").get("sk");
            if (!sk.startsWith(Keys.NOTIFICATION_PREFIX)) {
                throw ApiException.badRequest("invalid_cursor", "The cursor is malformed or belongs to another list");
            }
            request.exclusiveStartKey(Keys.item(pk, sk));
        });
        var response = dynamo.query(request.build());
        var items = response.items().stream().map(Notification::fromItem).toList();
        var last = response.lastEvaluatedKey();
        String next = last == null || last.isEmpty() || items.size() < paging.limit() ? null
                : Cursor.encode(CURSOR_KIND, Map.of("sk", last.get("sk").s()));
        return new Page<>(items, next);
    }
}
