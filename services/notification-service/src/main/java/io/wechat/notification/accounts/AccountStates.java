package io.wechat.notification.accounts;

import java.util.Map;

import io.wechat.notification.storage.Keys;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The account state of each user who was ever disabled: item {@code USER#<userId> / ACCOUNT} with {@code disabled}
 * and {@code changedAt} (the event's time). A change older than the one stored is dropped, so events arriving out of
 * order or twice leave the latest state.
 */
public final class AccountStates {
    private final DynamoDbClient dynamo;
    private final Table table;

    public AccountStates(DynamoDbClient dynamo, Table table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Records the state as of {@code changedAt} (ISO-8601 UTC, which sorts as text), unless a later one is stored. */
    public void record(String userId, boolean disabled, String changedAt) {
        try {
            dynamo.putItem(b -> b.tableName(table.name())
                    .item(Map.of("pk", AttributeValue.fromS(Keys.userPk(userId)),
                                 "sk", AttributeValue.fromS(Keys.ACCOUNT_SK),
                                 "disabled", AttributeValue.fromBool(disabled),
                                 "changedAt", AttributeValue.fromS(changedAt)))
                    .conditionExpression("attribute_not_exists(changedAt) OR changedAt <= :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(changedAt))));
        } catch (ConditionalCheckFailedException e) {
            // A later change is stored already.
        }
    }

    public boolean isDisabled(String userId) {
        return disabledIn(dynamo.getItem(b -> b.tableName(table.name()).key(key(userId)).consistentRead(true)).item());
    }

    /** The key of a user's account state, for a BatchGetItem. */
    public static Map<String, AttributeValue> key(String userId) {
        return Keys.item(Keys.userPk(userId), Keys.ACCOUNT_SK);
    }

    /** Whether an account state item says disabled; no item: active. */
    public static boolean disabledIn(Map<String, AttributeValue> item) {
        AttributeValue disabled = item == null ? null : item.get("disabled");
        return disabled != null && Boolean.TRUE.equals(disabled.bool());
    }
}
