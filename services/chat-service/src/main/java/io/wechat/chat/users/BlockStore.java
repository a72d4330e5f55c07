package io.wechat.chat.users;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wechat.kit.storage.Batches;
import io.wechat.kit.storage.Partitions;
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

    /** Which of {@code candidates} block {@code blockedId}: consistent reads. */
    public Set<String> blockersAmong(String blockedId, Collection<String> candidates) {
        Set<String> blockers = new HashSet<>();
        List<Map<String, AttributeValue>> keys = candidates.stream().map(blocker -> key(blocker, blockedId)).toList();
        Batches.get(dynamo, table, keys, true).stream()
                .filter(item -> item.containsKey("blocked") && Boolean.TRUE.equals(item.get("blocked").bool()))
                .forEach(item -> blockers.add(item.get("pk").s().substring("BLOCK#".length())));
        return blockers;
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

    /** Forgets every block the user made (their account was deleted); answers how many rows it removed. */
    public int eraseBlocksBy(String blockerId) {
        return Partitions.erase(dynamo, table, "pk", "sk", "BLOCK#" + blockerId);
    }

    private static Map<String, AttributeValue> key(String blockerId, String blockedId) {
        return Map.of("pk", AttributeValue.fromS("BLOCK#" + blockerId), "sk", AttributeValue.fromS("USER#" + blockedId));
    }
}
