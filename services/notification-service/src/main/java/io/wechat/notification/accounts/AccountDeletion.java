package io.wechat.notification.accounts;

import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.storage.Partitions;
import io.wechat.notification.devices.Device;
import io.wechat.notification.devices.DeviceStore;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        Partitions.erase(dynamo, table.name(), "pk", "sk", Keys.userPk(userId));
        accounts.record(userId, true, FOR_GOOD);
    }
}
