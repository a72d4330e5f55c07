package io.wechat.notification.support;

import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the notifications table as terraform/modules/platform declares it (string keys pk/sk, TTL on
 * expires_at, no indexes), under a unique name.
 */
public final class TestTable {
    private TestTable() {
    }

    public static Table create(DynamoDbClient dynamo, String prefix) {
        Table table = new Table(prefix + "-notifications");
        dynamo.createTable(b -> b.tableName(table.name())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table.name()));
        dynamo.updateTimeToLive(b -> b.tableName(table.name())
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires_at")));
        return table;
    }

    public static void delete(DynamoDbClient dynamo, Table table) {
        dynamo.deleteTable(b -> b.tableName(table.name()));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
