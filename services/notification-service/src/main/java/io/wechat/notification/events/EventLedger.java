package io.wechat.notification.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.wechat.notification.notifications.Deliveries;
import io.wechat.kit.storage.Items;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Idempotency on eventId: {@code EVENT#<eventId>} / {@code EVENT} with {@code status} processing|done.
 * A claim is a conditional write that succeeds for a new event, or for one whose earlier attempt died
 * (status processing and its lease expired); a done event is a duplicate.
 */
final class EventLedger {
    private static final System.Logger LOG = System.getLogger(EventLedger.class.getName());
    private static final AttributeValue PROCESSING = AttributeValue.fromS("processing");
    private static final AttributeValue DONE = AttributeValue.fromS("done");
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration lease;

    /**
     * {@code lease}: how long an attempt owns an event. Shorter than the queue's visibility timeout, so a message SQS
     * makes visible again after a crash is resumed, instead of being refused as busy until it reaches the DLQ.
     */
    EventLedger(DynamoDbClient dynamo, Table table, Clock clock, Duration lease) {
        this.dynamo = dynamo;
        this.table = table.name();
        this.clock = clock;
        this.lease = lease;
    }

    enum Claim {
        /** First attempt. */
        NEW,
        /** An earlier attempt died mid-way: continue where it stopped. */
        RESUMED,
        /** Already processed: a duplicate. */
        DONE,
        /** Another attempt holds the lease right now: retry later. */
        BUSY
    }

    Claim claim(String eventId, String type) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.eventPk(eventId), Keys.EVENT_SK));
        item.put("type", AttributeValue.fromS(type));
        item.put("status", PROCESSING);
        item.put("lease_until", Items.n(now.plus(lease).toEpochMilli()));
        item.put("expires_at", Items.n(now.plus(Deliveries.RETENTION).getEpochSecond()));
        try {
            var old = dynamo.putItem(b -> b.tableName(table).item(item).returnValues(ReturnValue.ALL_OLD)
                    .conditionExpression("attribute_not_exists(pk) OR (#status = :processing AND lease_until < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":processing", PROCESSING, ":now", Items.n(now.toEpochMilli()))))
                    .attributes();
            return old == null || old.isEmpty() ? Claim.NEW : Claim.RESUMED;
        } catch (ConditionalCheckFailedException e) {
            var current = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Keys.item(Keys.eventPk(eventId), Keys.EVENT_SK))).item();
            return "done".equals(Items.str(current, "status")) ? Claim.DONE : Claim.BUSY;
        }
    }

    void done(String eventId) {
        dynamo.updateItem(b -> b.tableName(table).key(Keys.item(Keys.eventPk(eventId), Keys.EVENT_SK))
                .updateExpression("SET #status = :done REMOVE lease_until")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":done", DONE)));
    }

    /** Gives up the lease after a failure this attempt saw, so the retry need not wait for it. */
    void release(String eventId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Keys.item(Keys.eventPk(eventId), Keys.EVENT_SK))
                    .updateExpression("SET lease_until = :zero")
                    .conditionExpression("#status = :processing")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":zero", Items.n(0), ":processing", PROCESSING)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot release event " + eventId + "; its lease will expire: " + e.getMessage());
        }
    }
}
