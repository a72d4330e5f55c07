package io.wechat.chat.support;

import io.wechat.chat.storage.Keys;
import io.wechat.chat.storage.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates chat-service's tables exactly as README.md "DynamoDB key design" specifies them (and as
 * terraform/modules/chat-tables declares them), under a unique prefix.
 */
public final class TestTables {
    private TestTables() {
    }

    public static Tables create(DynamoDbClient dynamo, String prefix) {
        Tables tables = new Tables(prefix + "-messages", prefix + "-conversations", prefix + "-search");
        dynamo.createTable(b -> b.tableName(tables.messages())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("conversation_id", ScalarAttributeType.S), attribute("seq", ScalarAttributeType.N),
                        attribute("message_id", ScalarAttributeType.S), attribute("sender_id", ScalarAttributeType.S),
                        attribute("sent_at_message_id", ScalarAttributeType.S))
                .keySchema(key("conversation_id", KeyType.HASH), key("seq", KeyType.RANGE))
                .globalSecondaryIndexes(
                        index(Keys.MESSAGE_ID_INDEX, ProjectionType.KEYS_ONLY, key("message_id", KeyType.HASH)),
                        index(Keys.SENDER_TIMESTAMP_INDEX, ProjectionType.ALL,
                                key("sender_id", KeyType.HASH), key("sent_at_message_id", KeyType.RANGE)))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        dynamo.createTable(b -> b.tableName(tables.conversations())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("user_id", ScalarAttributeType.S), attribute("last_activity_key", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(index(Keys.USER_CONVERSATIONS_INDEX, ProjectionType.ALL,
                        key("user_id", KeyType.HASH), key("last_activity_key", KeyType.RANGE))));
        dynamo.createTable(b -> b.tableName(tables.search())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tables.search()));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tables.messages()));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tables.conversations()));
        dynamo.updateTimeToLive(b -> b.tableName(tables.conversations())
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires_at")));
        return tables;
    }

    /** The moderation table (Terraform's platform module): pk/sk, the sparse status-index, TTL on expires_at. */
    public static String createModeration(DynamoDbClient dynamo, String prefix) {
        String name = prefix + "-moderation";
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("status", ScalarAttributeType.S), attribute("created_key", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(index("status-index", ProjectionType.ALL,
                        key("status", KeyType.HASH), key("created_key", KeyType.RANGE))));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
        dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName("expires_at")));
        return name;
    }

    public static void delete(DynamoDbClient dynamo, Tables tables) {
        dynamo.deleteTable(b -> b.tableName(tables.messages()));
        dynamo.deleteTable(b -> b.tableName(tables.conversations()));
        dynamo.deleteTable(b -> b.tableName(tables.search()));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, ProjectionType projection, KeySchemaElement... keys) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(keys)
                .projection(p -> p.projectionType(projection)).build();
    }
}
