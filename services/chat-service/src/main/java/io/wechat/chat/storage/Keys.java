package io.wechat.chat.storage;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key design of README.md "DynamoDB key design", in one place. Ids never contain '#': they are
 * validated as {@link #isValidId(String)} before they reach a key.
 */
public final class Keys {
    public static final String META = "META";
    public static final String MEMBER_PREFIX = "MEMBER#";
    public static final String USER_CONVERSATIONS_INDEX = "user-conversations-index";
    public static final String MESSAGE_ID_INDEX = "message-id-index";
    public static final String SENDER_TIMESTAMP_INDEX = "sender-timestamp-index";

    private Keys() {
    }

    /** Ids we accept from clients and user-service: 1-128 characters of letters, digits, '-', '_', '.', ':'. */
    public static boolean isValidId(String id) {
        return id != null && id.matches("[A-Za-z0-9._:\\-]{1,128}");
    }

    public static String conversationPk(String conversationId) {
        return "CONV#" + conversationId;
    }

    public static String memberSk(String userId) {
        return MEMBER_PREFIX + userId;
    }

    /** The pair lock of a direct conversation: the same for (a, b) and (b, a). */
    public static String directPk(String userA, String userB) {
        return userA.compareTo(userB) <= 0 ? "DIRECT#" + userA + "#" + userB : "DIRECT#" + userB + "#" + userA;
    }

    public static final String DIRECT_SK = "DIRECT";

    public static String sendPk(String senderId) {
        return "SEND#" + senderId;
    }

    public static String sendSk(String clientMessageId) {
        return "CMID#" + clientMessageId;
    }

    public static String eventPk(String eventId) {
        return "EVENT#" + eventId;
    }

    public static final String EVENT_SK = "EVENT";

    /** Sort key of user-conversations-index: fixed-width time first, the id breaks ties. */
    public static String activityKey(String isoTime, String conversationId) {
        return isoTime + "#" + conversationId;
    }

    /** Sort key of sender-timestamp-index. */
    public static String sentAtMessageId(String isoTime, String messageId) {
        return isoTime + "#" + messageId;
    }

    public static Map<String, AttributeValue> item(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    public static Map<String, AttributeValue> meta(String conversationId) {
        return item(conversationPk(conversationId), META);
    }

    public static Map<String, AttributeValue> member(String conversationId, String userId) {
        return item(conversationPk(conversationId), memberSk(userId));
    }

    /** The user's pinned conversations: a string set {@code conversation_ids}. */
    public static Map<String, AttributeValue> pins(String userId) {
        return item("USER#" + userId, "PINS");
    }

    public static Map<String, AttributeValue> message(String conversationId, long seq) {
        return Map.of("conversation_id", AttributeValue.fromS(conversationId), "seq", AttributeValue.fromN(Long.toString(seq)));
    }
}
