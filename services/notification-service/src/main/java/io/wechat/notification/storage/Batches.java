package io.wechat.notification.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchGetItem and BatchWriteItem over any number of keys or items: split at DynamoDB's limits (100 keys, 25 puts per
 * call) and the unprocessed rest sent again, with a growing pause as AWS asks, until all is done or the attempts run out.
 */
public final class Batches {
    private static final int MAX_GET_KEYS = 100;
    private static final int MAX_WRITES = 25;
    private static final int MAX_ATTEMPTS = 6;

    private Batches() {
    }

    /** The items that exist among {@code keys} (duplicates read once), in no particular order. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                        List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_GET_KEYS) {
            var chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_GET_KEYS));
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                pauseBeforeRetry(attempt, "BatchGetItem");
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /** Puts every item (plain puts: each overwrites an item with its key). */
    public static void put(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += MAX_WRITES) {
            List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + MAX_WRITES)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> request = Map.of(table, writes);
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                pauseBeforeRetry(attempt, "BatchWriteItem");
                Map<String, List<WriteRequest>> pending = request;
                var response = dynamo.batchWriteItem(b -> b.requestItems(pending));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Unprocessed keys or items mean the table is throttled: AWS's advice is exponential back-off. */
    private static void pauseBeforeRetry(int attempt, String operation) {
        if (attempt == 1) {
            return;
        }
        if (attempt > MAX_ATTEMPTS) {
            throw new IllegalStateException(operation + " left items unprocessed after " + MAX_ATTEMPTS + " attempts");
        }
        try {
            Thread.sleep(25L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(operation + " interrupted", e);
        }
    }
}
