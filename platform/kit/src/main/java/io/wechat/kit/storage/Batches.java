package io.wechat.kit.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.wechat.kit.web.ApiException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchGetItem and BatchWriteItem over any number of keys or writes: split at DynamoDB's limits (100 keys, 25 writes
 * a call), and what a call leaves unprocessed sent again after an exponential back-off, as AWS advises for a
 * throttled table. When the table still leaves some unprocessed after {@value #MAX_ATTEMPTS} calls, 503 {@code busy}:
 * the caller (a client, or a queue's redelivery) retries later.
 */
public final class Batches {
    public static final int MAX_GET_KEYS = 100;
    public static final int MAX_WRITES = 25;
    static final int MAX_ATTEMPTS = 8;
    private static final long MAX_PAUSE_MILLIS = 1000;

    private Batches() {
    }

    /** The items that exist among {@code keys} (a key given twice is read once), in no particular order. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                        Collection<Map<String, AttributeValue>> keys, boolean consistent) {
        return get(dynamo, table, keys, read -> read.consistentRead(consistent));
    }

    /**
     * The same, with the read's options ({@code consistentRead}, {@code projectionExpression} and its names) set by
     * {@code read}.
     */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table,
                                                        Collection<Map<String, AttributeValue>> keys,
                                                        Consumer<KeysAndAttributes.Builder> read) {
        List<Map<String, AttributeValue>> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_GET_KEYS) {
            KeysAndAttributes.Builder chunk = KeysAndAttributes.builder()
                    .keys(distinct.subList(from, Math.min(distinct.size(), from + MAX_GET_KEYS)));
            read.accept(chunk);
            Map<String, KeysAndAttributes> request = Map.of(table, chunk.build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                pauseBeforeRetry(attempt);
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /** Puts every item (plain puts: each replaces the item with its key). */
    public static void put(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        write(dynamo, table, items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList());
    }

    /** Deletes the items of these keys (a key without an item is no error). */
    public static void delete(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        write(dynamo, table, keys.stream()
                .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                .toList());
    }

    /**
     * Runs the puts and deletes, 25 a call. DynamoDB rejects a call that writes one key twice: give each key once. The
     * calls are not one transaction; each write is applied at most once, so running them all again is safe.
     */
    public static void write(DynamoDbClient dynamo, String table, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += MAX_WRITES) {
            Map<String, List<WriteRequest>> request = Map.of(table,
                    writes.subList(from, Math.min(writes.size(), from + MAX_WRITES)));
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                pauseBeforeRetry(attempt);
                Map<String, List<WriteRequest>> pending = request;
                var response = dynamo.batchWriteItem(b -> b.requestItems(pending));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Before the second and later calls of a chunk: 40, 80, 160 ... 1000 ms; none after the last. */
    private static void pauseBeforeRetry(int attempt) {
        if (attempt == 1) {
            return;
        }
        if (attempt > MAX_ATTEMPTS) {
            throw busy();
        }
        try {
            Thread.sleep(Math.min(MAX_PAUSE_MILLIS, 20L << (attempt - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private static ApiException busy() {
        return ApiException.unavailable("busy", "The service is busy, retry");
    }
}
