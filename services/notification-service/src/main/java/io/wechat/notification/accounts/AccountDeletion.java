package io.wechat.notification.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wechat.kit.events.EventEnvelope;
import io.wechat.notification.devices.Device;
import io.wechat.notification.devices.DeviceStore;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code user.deleted {userId}}: erases what notification-service holds about the user: their devices (with each
 * token's holder item and its SNS endpoint), their mutes, settings and push history (everything in their
 * {@code USER#<userId>} partition), and then marks the account as disabled for good, so a message that still names them
 * as a recipient (their direct conversations stay) neither pushes nor writes history again. Idempotent: a redelivery
 * finds nothing left to erase and writes the same mark.
 */
public final class AccountDeletion {
    public static final String DELETED = "user.deleted";
    /** Sorts after every ISO-8601 time: no later user.enabled can lift the mark. */
    static final String FOR_GOOD = "9999-12-31T23:59:59.999Z";

    private final DynamoDbClient dynamo;
    private final Table table;
    private final DeviceStore devices;
    private final AccountStates accounts;

    public AccountDeletion(DynamoDbClient dynamo, Table table, DeviceStore devices, AccountStates accounts) {
        this.dynamo = dynamo;
        this.table = table;
        this.devices = devices;
        this.accounts = accounts;
    }

    /** The deleted user's id: {@code payload.userId} of a {@code user.deleted} event. */
    public static String deletedUserId(EventEnvelope event) {
        String userId = event.payload().path("userId").asText(null);
        if (!Keys.isValidId(userId)) {
            throw new IllegalArgumentException("payload.userId is missing or invalid");
        }
        return userId;
    }

    public void erase(String userId) {
        for (Device device : devices.list(userId)) {
            devices.remove(userId, device.deviceId());
        }
        for (Map<String, AttributeValue> key : partitionKeys(userId)) {
            dynamo.deleteItem(b -> b.tableName(table.name()).key(key));
        }
        accounts.record(userId, true, FOR_GOOD);
    }

    private List<Map<String, AttributeValue>> partitionKeys(String userId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(b -> b.tableName(table.name()).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.userPk(userId))))
                    .projectionExpression("pk, sk").consistentRead(true).exclusiveStartKey(from));
            response.items().forEach(item -> keys.add(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }
}
