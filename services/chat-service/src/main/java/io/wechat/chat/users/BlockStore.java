package io.wechat.chat.users;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Who blocked whom, as learned from user-service's user.blocked / user.unblocked events, kept in
 * chat-service's own conversations table ({@code BLOCK#<blocker>} / {@code USER#<blocked>}). Each item
 * remembers the {@code occurredAt} of the event that set it, so a late or repeated event never undoes a
 * newer one.
 */
public final class BlockStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public BlockStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public boolean isBlocked(String blockerId, String blockedId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(blockerId, blockedId))).item();
        return item != null && item.containsKey("blocked") && Boolean.TRUE.equals(item.get("blocked").bool());
    }

    /** Records the block state as of {@code occurredAt} (ISO-8601); false when a newer state is stored. */
    public boolean record(String blockerId, String blockedId, boolean blocked, String occurredAt) {
        var item = new java.util.HashMap<>(key(blockerId, blockedId));
        item.put("blocked", AttributeValue.fromBool(blocked));
        item.put("changed_at", AttributeValue.fromS(occurredAt));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR changed_at < :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(occurredAt))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String blockerId, String blockedId) {
        return Map.of("pk", AttributeValue.fromS("BLOCK#" + blockerId), "sk", AttributeValue.fromS("USER#" + blockedId));
    }
}
