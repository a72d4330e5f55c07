package io.wechat.notification.storage;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key design of README.md "Data model", in one place. Ids never contain '#': they are validated as
 * {@link #isValidId(String)} before they reach a key.
 */
public final class Keys {
    public static final String DEVICE_PREFIX = "DEVICE#";
    public static final String MUTE_PREFIX = "MUTE#";
    public static final String NOTIFICATION_PREFIX = "NOTIF#";
    public static final String SETTINGS_SK = "SETTINGS";
    public static final String EVENT_SK = "EVENT";
    public static final String TOKEN_SK = "TOKEN";
    /** A user's devices in one item, for the push path's BatchGetItem (DeviceStore). */
    public static final String DEVICES_SK = "DEVICES";
    /** A user's account state (disabled or not), from user-service's events. */
    public static final String ACCOUNT_SK = "ACCOUNT";

    private Keys() {
    }

    /** Ids we accept from clients and events: 1-128 characters of letters, digits, '-', '_', '.', ':'. */
    public static boolean isValidId(String id) {
        return id != null && id.matches("[A-Za-z0-9._:\\-]{1,128}");
    }

    public static String userPk(String userId) {
        return "USER#" + userId;
    }

    public static String deviceSk(String deviceId) {
        return DEVICE_PREFIX + deviceId;
    }

    public static String muteSk(String conversationId) {
        return MUTE_PREFIX + conversationId;
    }

    /** Log entries sort by the message's time; the event id keeps two entries of one millisecond apart. */
    public static String notificationSk(String sentAt, String eventId) {
        return NOTIFICATION_PREFIX + sentAt + "#" + eventId;
    }

    /** Who holds a push token now: {@code TOKEN#<platform>#<tokenHash>}. */
    public static String tokenPk(String platform, String tokenHash) {
        return "TOKEN#" + platform + "#" + tokenHash;
    }

    public static String eventPk(String eventId) {
        return "EVENT#" + eventId;
    }

    /** The delivery record of one event to one device. */
    public static String pushSk(String userId, String deviceId) {
        return "PUSH#" + userId + "#" + deviceId;
    }

    public static Map<String, AttributeValue> item(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}
