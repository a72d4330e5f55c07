package io.wechat.notification.notifications;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.wechat.kit.storage.Items;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which devices an event was already pushed to: {@code EVENT#<eventId>} / {@code PUSH#<userId>#<deviceId>},
 * written right after each publish, so that a redelivery after a crash skips them.
 */
public final class Deliveries {
    /** Longer than SQS keeps a message (14 days), like the event's own record. */
    public static final Duration RETENTION = Duration.ofDays(15);
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
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.eventPk(eventId), Keys.pushSk(userId, deviceId)));
        item.put("expires_at", Items.n(clock.instant().plus(RETENTION).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }
}
