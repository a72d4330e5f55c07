package io.wechat.notification.devices;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.wechat.kit.storage.Items;
import io.wechat.notification.storage.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A registered device. {@code endpointArn} is the SNS platform endpoint of its token, null for web
 * devices and until it is created (lazily at the first push when registration could not create it).
 */
public record Device(String deviceId, String userId, Platform platform, String token, String endpointArn,
                     String createdAt) {
    public Device {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(token, "token");
    }

    /** What the owner sees: never the endpoint. */
    public record View(String deviceId, String platform, String token, String createdAt) {
    }

    public View view() {
        return new View(deviceId, platform.wire(), token, createdAt);
    }

    Device withEndpoint(String arn) {
        return new Device(deviceId, userId, platform, token, arn, createdAt);
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(Keys.userPk(userId), Keys.deviceSk(deviceId)));
        item.put("device_id", AttributeValue.fromS(deviceId));
        item.put("user_id", AttributeValue.fromS(userId));
        item.put("platform", AttributeValue.fromS(platform.wire()));
        item.put("token", AttributeValue.fromS(token));
        if (endpointArn != null) {
            item.put("endpoint_arn", AttributeValue.fromS(endpointArn));
        }
        item.put("created_at", AttributeValue.fromS(createdAt));
        return item;
    }

    static Device fromItem(Map<String, AttributeValue> item) {
        return new Device(Items.str(item, "device_id"), Items.str(item, "user_id"),
                Platform.of(Items.str(item, "platform")).orElseThrow(), Items.str(item, "token"),
                Items.str(item, "endpoint_arn"), Items.str(item, "created_at"));
    }
}
