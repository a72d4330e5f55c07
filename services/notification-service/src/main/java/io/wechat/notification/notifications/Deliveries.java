package io.wechat.notification.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wechat.kit.storage.Batches;
import io.wechat.kit.storage.Items;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Which devices an event was already pushed to: {@code EVENT#<eventId>} / {@code PUSH#<userId>#<deviceId>},
 * written right after each publish, so that a redelivery after a crash skips them. Each such record, and each push SNS
 * refused ({@code FAILED#<userId>#<deviceId>}), also counts once in its hour's figures ({@code PUSHSTATS#<yyyy-MM-ddTHH>}
 * / {@code COUNTS}: {@code sent}, {@code failed}, in the same transaction, so a repeated record never counts twice),
 * which {@code GET /admin/pushes/stats} sums.
 */
public final class Deliveries {
    /** Longer than SQS keeps a message (14 days), like the event's own record. */
    public static final Duration RETENTION = Duration.ofDays(15);
    private static final String COUNTS = "COUNTS";
    private static final int MAX_MARKERS_PER_TRANSACTION = 24;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public Deliveries(DynamoDbClient dynamo, Table table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table.name();
        this.clock = clock;
    }

    Set<String> deliveredDevices(String eventId, String userId) {
        String prefix = Keys.pushSk(userId, "");
        Set<String> devices = new HashSet<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.eventPk(eventId)),
                                ":prefix", AttributeValue.fromS(prefix))))
                .items().forEach(item -> devices.add(Items.str(item, "sk").substring(prefix.length())));
        return devices;
    }

    void markDelivered(String eventId, String userId, String deviceId) {
        countOnce(List.of(Keys.item(Keys.eventPk(eventId), Keys.pushSk(userId, deviceId))), "sent");
    }

    /** One device an event went to. */
    record Delivery(String eventId, String userId, String deviceId) {
    }

    /**
     * Records many deliveries at once: one transaction per 24 (the emulator's limit of 25 items, with the hour's
     * counter), each delivery counted once as {@link #markDelivered} does.
     */
    void markAllDelivered(List<Delivery> deliveries) {
        for (int from = 0; from < deliveries.size(); from += MAX_MARKERS_PER_TRANSACTION) {
            countOnce(deliveries.subList(from, Math.min(deliveries.size(), from + MAX_MARKERS_PER_TRANSACTION)).stream()
                    .map(d -> Keys.item(Keys.eventPk(d.eventId()), Keys.pushSk(d.userId(), d.deviceId()))).toList(), "sent");
        }
    }

    /** SNS refused the push to this device (its endpoint is disabled or gone). */
    void markFailed(String eventId, String userId, String deviceId) {
        countOnce(List.of(Keys.item(Keys.eventPk(eventId), "FAILED#" + userId + "#" + deviceId)), "failed");
    }

    /** Pushes sent and failed in the current hour and the 24 before it. */
    public PushCounts last24h() {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int back = 0; back <= 24; back++) {
            keys.add(Keys.item(hourPk(hour.minus(Duration.ofHours(back))), COUNTS));
        }
        long sent = 0;
        long failed = 0;
        for (var item : Batches.get(dynamo, table, keys, false)) {
            sent += Items.num(item, "sent");
            failed += Items.num(item, "failed");
        }
        return new PushCounts(sent, failed);
    }

    /** {@code GET /admin/pushes/stats}. */
    public record PushCounts(long sent24h, long failed24h) {
    }

    /**
     * Writes the markers, each on condition that it is new, and adds their number to the hour's counter, in one
     * transaction. When some marker existed (a resumed event), each is written on its own, so only the new ones count.
     */
    private void countOnce(List<Map<String, AttributeValue>> markerKeys, String counter) {
        Instant now = clock.instant();
        AttributeValue expiresAt = Items.n(now.plus(RETENTION).getEpochSecond());
        List<TransactWriteItem> writes = new ArrayList<>();
        for (var key : markerKeys) {
            Map<String, AttributeValue> marker = new HashMap<>(key);
            marker.put("expires_at", expiresAt);
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                    .conditionExpression("attribute_not_exists(pk)")).build());
        }
        Map<String, AttributeValue> counts = Keys.item(hourPk(now), COUNTS);
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(counts)
                .updateExpression("ADD #c :n SET expires_at = if_not_exists(expires_at, :expires)")
                .expressionAttributeNames(Map.of("#c", counter))
                .expressionAttributeValues(Map.of(":n", Items.n(markerKeys.size()), ":expires", expiresAt))).build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            boolean markedBefore = e.hasCancellationReasons()
                    && e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
            if (!markedBefore) {
                throw e;
            }
            if (markerKeys.size() > 1) {
                markerKeys.forEach(key -> countOnce(List.of(key), counter));
            }
        }
    }

    private static String hourPk(Instant at) {
        return "PUSHSTATS#" + at.truncatedTo(ChronoUnit.HOURS).toString().substring(0, 13);
    }
}
