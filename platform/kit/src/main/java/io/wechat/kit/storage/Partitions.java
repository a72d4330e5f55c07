package io.wechat.kit.storage;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Whole partitions of a table with a string partition key and a sort key: what erasing one user's data takes. */
public final class Partitions {
    /** Keys read per Query page, one BatchWriteItem run per page. */
    static final int PAGE_SIZE = 100;

    private Partitions() {
    }

    /**
     * Deletes every item whose {@code partitionKey} attribute is {@code value}: the keys read page by page (strongly
     * consistent), each page deleted in batches ({@link Batches#delete}). Answers how many items it deleted; running
     * it again deletes what was added meanwhile, or nothing.
     */
    public static int erase(DynamoDbClient dynamo, String table, String partitionKey, String sortKey, String value) {
        int erased = 0;
        Iterable<QueryResponse> pages = dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", partitionKey, "#sk", sortKey))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(value)))
                .projectionExpression("#pk, #sk").consistentRead(true).limit(PAGE_SIZE));
        for (QueryResponse page : pages) {
            List<Map<String, AttributeValue>> keys = page.items();
            Batches.delete(dynamo, table, keys);
            erased += keys.size();
        }
        return erased;
    }
}
