package io.wechat.notification.events;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wechat.notification.notifications.Deliveries;
import io.wechat.kit.storage.Batches;
import io.wechat.kit.storage.Items;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Idempotency on eventId: {@code EVENT#<eventId>} / {@code EVENT} with {@code status} processing|done.
 * A claim is a conditional write that succeeds for a new event, or for one whose earlier attempt died
 * (status processing and its lease expired); a done event is a duplicate.
 */
final class EventLedger {
    private static final System.Logger LOG = System.getLogger(EventLedger.class.getName());
    private static final AttributeValue PROCESSING = AttributeValue.fromS("processing");
    private static final AttributeValue DONE = AttributeValue.fromS("done");
    private static final String CLAIM_CONDITION = "attribute_not_exists(pk) OR (#status = :processing AND lease_until < :now)";
    /** The emulator's limit (AWS's is 100). */
    private static final int MAX_TRANSACTION_ITEMS = 25;
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

    /**
     * Claims a batch's events ({@code types}: event id to type): one claim alone as {@link #claim}; several with one
     * strongly consistent BatchGetItem (new, resumable, done or busy) and one transaction per 25 claims with the same
     * condition as a single claim. A transaction cancelled by a concurrent attempt has written nothing: its events are
     * then claimed one by one.
     */
    Map<String, Claim> claimAll(Map<String, String> types) {
        Map<String, Claim> claims = new LinkedHashMap<>();
        if (types.size() == 1) {
            types.forEach((eventId, type) -> claims.put(eventId, claim(eventId, type)));
            return claims;
        }
        Instant now = clock.instant();
        Map<String, Map<String, AttributeValue>> current = new HashMap<>();
        for (var item : Batches.get(dynamo, table, types.keySet().stream()
                .map(id -> Keys.item(Keys.eventPk(id), Keys.EVENT_SK)).toList(), true)) {
            current.put(Items.str(item, "pk").substring(Keys.eventPk("").length()), item);
        }
        List<String> claimable = new ArrayList<>();
        types.forEach((eventId, type) -> {
            var item = current.get(eventId);
            if (item == null) {
                claims.put(eventId, Claim.NEW);
                claimable.add(eventId);
            } else if ("done".equals(Items.str(item, "status"))) {
                claims.put(eventId, Claim.DONE);
            } else if (Items.num(item, "lease_until") >= now.toEpochMilli()) {
                claims.put(eventId, Claim.BUSY);
            } else {
                claims.put(eventId, Claim.RESUMED);
                claimable.add(eventId);
            }
        });
        for (int from = 0; from < claimable.size(); from += MAX_TRANSACTION_ITEMS) {
            List<String> chunk = claimable.subList(from, Math.min(claimable.size(), from + MAX_TRANSACTION_ITEMS));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(chunk.stream().map(eventId -> TransactWriteItem.builder()
                        .put(p -> p.tableName(table).item(claimItem(eventId, types.get(eventId), now))
                                .conditionExpression(CLAIM_CONDITION)
                                .expressionAttributeNames(Map.of("#status", "status"))
                                .expressionAttributeValues(Map.of(":processing", PROCESSING,
                                        ":now", Items.n(now.toEpochMilli())))).build()).toList()));
            } catch (TransactionCanceledException e) {
                chunk.forEach(eventId -> claims.put(eventId, claim(eventId, types.get(eventId))));
            }
        }
        return claims;
    }

    Claim claim(String eventId, String type) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = claimItem(eventId, type, now);
        try {
            var old = dynamo.putItem(b -> b.tableName(table).item(item).returnValues(ReturnValue.ALL_OLD)
                    .conditionExpression(CLAIM_CONDITION)
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

    private Map<String, AttributeValue> claimItem(String eventId, String type, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.eventPk(eventId), Keys.EVENT_SK));
        item.put("type", AttributeValue.fromS(type));
        item.put("status", PROCESSING);
        item.put("lease_until", Items.n(now.plus(lease).toEpochMilli()));
        item.put("expires_at", Items.n(now.plus(Deliveries.RETENTION).getEpochSecond()));
        return item;
    }

    /** Marks the events done ({@code types}: event id to type), in BatchWriteItem calls of 25. */
    void doneAll(Map<String, String> types) {
        long expiresAt = clock.instant().plus(Deliveries.RETENTION).getEpochSecond();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        types.forEach((eventId, type) -> {
            Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.eventPk(eventId), Keys.EVENT_SK));
            item.put("type", AttributeValue.fromS(type));
            item.put("status", DONE);
            item.put("expires_at", Items.n(expiresAt));
            items.add(item);
        });
        Batches.put(dynamo, table, items);
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
