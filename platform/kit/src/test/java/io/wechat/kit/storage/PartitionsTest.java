package io.wechat.kit.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.wechat.kit.testing.TestCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Against the emulator, in a table of its own whose keys are not called pk and sk. */
class PartitionsTest {
    private static final String TABLE = "kit-partitions-" + UUID.randomUUID();
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void createTable() {
        dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
        dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("owner").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("item").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("owner").keyType(KeyType.HASH),
                        k -> k.attributeName("item").keyType(KeyType.RANGE)));
    }

    @AfterAll
    static void deleteTable() {
        dynamo.deleteTable(b -> b.tableName(TABLE));
    }

    @Test
    void erasesEveryPageOfOnePartitionAndNothingElse() {
        String erased = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        Batches.put(dynamo, TABLE, items(erased, Partitions.PAGE_SIZE * 2 + 30));
        Batches.put(dynamo, TABLE, items(kept, 3));

        assertThat(Partitions.erase(dynamo, TABLE, "owner", "item", erased), is(Partitions.PAGE_SIZE * 2 + 30));

        assertThat(count(erased), is(0));
        assertThat(count(kept), is(3));
        assertThat("a second run finds nothing", Partitions.erase(dynamo, TABLE, "owner", "item", erased), is(0));
    }

    private static List<Map<String, AttributeValue>> items(String owner, int count) {
        return IntStream.range(0, count).mapToObj(i -> Map.of("owner", AttributeValue.fromS(owner),
                "item", AttributeValue.fromS("i-" + i), "payload", AttributeValue.fromS("x"))).toList();
    }

    private static int count(String owner) {
        return dynamo.query(b -> b.tableName(TABLE).keyConditionExpression("#o = :o").consistentRead(true)
                .expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(owner)))).count();
    }
}
