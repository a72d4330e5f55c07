package io.wechat.kit.storage;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Typed reads of DynamoDB attribute values, and the values the stores write most. */
public final class Items {
    private Items() {
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? null : value.s();
    }

    public static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0L : Long.parseLong(value.n());
    }

    public static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    public static AttributeValue s(String value) {
        return value == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
