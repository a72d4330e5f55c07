package io.wechat.notification.devices;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Times;
import io.wechat.notification.push.PushGateway;
import io.wechat.kit.storage.Items;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The device registry: {@code USER#<userId>} / {@code DEVICE#<deviceId>} items, and a
 * {@code TOKEN#<platform>#<hash>} item saying which user holds a token now, so that a token that moves
 * to another account (a phone changing hands, a re-login) stops receiving the previous owner's pushes.
 *
 * <p>The push path reads a user's devices from one more item, {@code USER#<userId>} / {@code DEVICES}, which holds
 * each device as an attribute named by its id, so that one BatchGetItem fetches the devices, mutes and settings of a
 * whole batch's recipients. Every change to a device item changes it too. A user whose devices predate it has none
 * until their next registration or push, which lists the device items and writes it only if it is still absent.
 */
public final class DeviceStore {
    private static final System.Logger LOG = System.getLogger(DeviceStore.class.getName());
    /** More devices than anyone has; it bounds the pushes per message and recipient. */
    public static final int MAX_DEVICES_PER_USER = 20;
    private final DynamoDbClient dynamo;
    private final String table;
    private final PushGateway push;
    private final Clock clock;

    public DeviceStore(DynamoDbClient dynamo, Table table, PushGateway push, Clock clock) {
        this.dynamo = dynamo;
        this.table = table.name();
        this.push = push;
        this.clock = clock;
    }

    /** A registration: the device and whether this call created it. */
    public record Registration(Device device, boolean created) {
    }

    /** Idempotent per (user, platform, token): the device id is derived from the three. */
    Registration register(String userId, Platform platform, String token) {
        String deviceId = deviceId(userId, platform, token);
        Optional<Device> existing = find(userId, deviceId);
        if (existing.isPresent()) {
            summarise(existing.get());
            return new Registration(existing.get(), false);
        }
        if (list(userId).size() >= MAX_DEVICES_PER_USER) {
            throw ApiException.conflict("too_many_devices",
                    "At most " + MAX_DEVICES_PER_USER + " devices per user; remove one first");
        }
        String tokenPk = Keys.tokenPk(platform.wire(), hash(platform.wire() + "\n" + token));
        takeTokenFromPreviousHolder(tokenPk, userId);
        Device device = new Device(deviceId, userId, platform, token, endpointOrNull(platform, token),
                Times.format(clock.instant()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(device.toItem()).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            Device concurrent = find(userId, deviceId).orElseThrow(() -> e);
            summarise(concurrent);
            return new Registration(concurrent, false);
        }
        summarise(device);
        Map<String, AttributeValue> holder = new HashMap<>(Keys.item(tokenPk, Keys.TOKEN_SK));
        holder.put("user_id", AttributeValue.fromS(userId));
        holder.put("device_id", AttributeValue.fromS(deviceId));
        dynamo.putItem(b -> b.tableName(table).item(holder));
        return new Registration(device, true);
    }

    public List<Device> list(String userId) {
        List<Device> devices = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.userPk(userId)),
                                ":prefix", AttributeValue.fromS(Keys.DEVICE_PREFIX))))
                .items().forEach(item -> devices.add(Device.fromItem(item)));
        return devices;
    }

    Optional<Device> find(String userId, String deviceId) {
        if (!Keys.isValidId(deviceId)) {
            return Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Keys.item(Keys.userPk(userId), Keys.deviceSk(deviceId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Device.fromItem(item));
    }

    /** Removes the device, its token holder item and its endpoint; false when there was no such device. */
    public boolean remove(String userId, String deviceId) {
        if (!Keys.isValidId(deviceId)) {
            return false;
        }
        var old = dynamo.deleteItem(b -> b.tableName(table).key(Keys.item(Keys.userPk(userId), Keys.deviceSk(deviceId)))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        if (old == null || old.isEmpty()) {
            return false;
        }
        Device device = Device.fromItem(old);
        unsummarise(userId, deviceId);
        String tokenPk = Keys.tokenPk(device.platform().wire(), hash(device.platform().wire() + "\n" + device.token()));
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Keys.item(tokenPk, Keys.TOKEN_SK))
                    .conditionExpression("user_id = :user AND device_id = :device")
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId),
                            ":device", AttributeValue.fromS(deviceId))));
            // Only the current holder's endpoint is deleted: SNS shares one endpoint per token.
            if (device.endpointArn() != null) {
                push.deleteEndpoint(device.endpointArn());
            }
        } catch (ConditionalCheckFailedException e) {
            LOG.log(Level.DEBUG, "Token of device " + deviceId + " is held by another device now");
        }
        return true;
    }

    /**
     * The device's endpoint, created now when registration could not; empty for devices that are only
     * logged (web, or a platform without a platform application).
     */
    public Optional<String> endpoint(Device device) {
        if (device.endpointArn() != null) {
            return Optional.of(device.endpointArn());
        }
        Optional<String> arn = push.endpointFor(device.platform(), device.token());
        arn.ifPresent(value -> {
            try {
                dynamo.updateItem(b -> b.tableName(table)
                        .key(Keys.item(Keys.userPk(device.userId()), Keys.deviceSk(device.deviceId())))
                        .updateExpression("SET endpoint_arn = :arn").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":arn", AttributeValue.fromS(value))));
            } catch (ConditionalCheckFailedException e) {
                LOG.log(Level.DEBUG, "Device " + device.deviceId() + " was removed meanwhile");
                return;
            }
            try {
                dynamo.updateItem(b -> b.tableName(table).key(summaryKey(device.userId()))
                        .updateExpression("SET #device.endpoint_arn = :arn").conditionExpression("attribute_exists(#device)")
                        .expressionAttributeNames(Map.of("#device", device.deviceId()))
                        .expressionAttributeValues(Map.of(":arn", AttributeValue.fromS(value))));
            } catch (ConditionalCheckFailedException e) {
                LOG.log(Level.DEBUG, "Device " + device.deviceId() + " is not in its user's summary");
            }
        });
        return arn;
    }

    private void takeTokenFromPreviousHolder(String tokenPk, String userId) {
        var holder = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Keys.item(tokenPk, Keys.TOKEN_SK))).item();
        if (holder != null && !holder.isEmpty() && !userId.equals(Items.str(holder, "user_id"))) {
            String previousUser = Items.str(holder, "user_id");
            String previousDevice = Items.str(holder, "device_id");
            dynamo.deleteItem(b -> b.tableName(table).key(Keys.item(Keys.userPk(previousUser), Keys.deviceSk(previousDevice))));
            unsummarise(previousUser, previousDevice);
            LOG.log(Level.INFO, "Push token moved to another user; removed device " + previousDevice);
        }
    }

    /** The key of a user's devices summary, for a BatchGetItem. */
    public static Map<String, AttributeValue> summaryKey(String userId) {
        return Keys.item(Keys.userPk(userId), Keys.DEVICES_SK);
    }

    /** The devices in a summary item ({@link #summaryKey}); empty when there is no such item. */
    public static Optional<List<Device>> fromSummary(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<Device> devices = new ArrayList<>();
        item.forEach((name, value) -> {
            if (value.hasM()) {
                devices.add(Device.fromItem(value.m()));
            }
        });
        devices.sort(Comparator.comparing(Device::deviceId));
        return Optional.of(devices);
    }

    /** A user's devices for a push when their summary is absent: listed, and the summary written from the list. */
    public List<Device> listAndSummarise(String userId) {
        List<Device> devices = list(userId);
        writeSummaryIfAbsent(userId, devices);
        return devices;
    }

    /** Adds or refreshes the device in its user's summary, writing the whole summary when there is none yet. */
    private void summarise(Device device) {
        AttributeValue entry = summaryEntry(device);
        // The summary is never deleted alone, so a second round finds it written by this one or a concurrent one.
        for (int round = 0; round < 2; round++) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(summaryKey(device.userId()))
                        .updateExpression("SET #device = :device").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(Map.of("#device", device.deviceId()))
                        .expressionAttributeValues(Map.of(":device", entry)));
                return;
            } catch (ConditionalCheckFailedException e) {
                if (writeSummaryIfAbsent(device.userId(), list(device.userId()))) {
                    return;
                }
            }
        }
    }

    private void unsummarise(String userId, String deviceId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(summaryKey(userId))
                    .updateExpression("REMOVE #device").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#device", deviceId)));
        } catch (ConditionalCheckFailedException e) {
            LOG.log(Level.DEBUG, "User " + userId + " has no devices summary yet");
        }
    }

    /** True when this call wrote the summary; false when one existed (it is then kept: it is newer). */
    private boolean writeSummaryIfAbsent(String userId, List<Device> devices) {
        Map<String, AttributeValue> summary = new HashMap<>(summaryKey(userId));
        devices.forEach(device -> summary.put(device.deviceId(), summaryEntry(device)));
        try {
            dynamo.putItem(b -> b.tableName(table).item(summary).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A device as its summary holds it: the device item's fields without the key. */
    private static AttributeValue summaryEntry(Device device) {
        Map<String, AttributeValue> fields = new HashMap<>(device.toItem());
        fields.remove("pk");
        fields.remove("sk");
        return AttributeValue.fromM(fields);
    }

    /** Registration creates the endpoint when it can; when SNS is unavailable, the first push will. */
    private String endpointOrNull(Platform platform, String token) {
        try {
            return push.endpointFor(platform, token).orElse(null);
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "Cannot create the platform endpoint now, will at the first push: " + e.getMessage());
            return null;
        }
    }

    static String deviceId(String userId, Platform platform, String token) {
        return "d-" + hash(userId + "\n" + platform.wire() + "\n" + token).substring(0, 22);
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
