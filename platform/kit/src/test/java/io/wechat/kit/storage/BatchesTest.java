package io.wechat.kit.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.helidon.http.Status;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Against the emulator; a throttled table is played by a client that holds back part of every batch (below). */
class BatchesTest {
    private static final String TABLE = "kit-batches-" + UUID.randomUUID();
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void createTable() {
        dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
        dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    }

    @AfterAll
    static void deleteTable() {
        dynamo.deleteTable(b -> b.tableName(TABLE));
    }

    @Test
    void putsAndReadsMoreThanOneCallHolds() {
        String pk = UUID.randomUUID().toString();
        Batches.put(dynamo, TABLE, items(pk, 130));

        List<Map<String, AttributeValue>> keys = new ArrayList<>(keys(pk, 130));
        keys.addAll(keys(pk, 10));
        keys.add(key(pk, "absent"));
        assertThat(sortKeys(Batches.get(dynamo, TABLE, keys, true)), containsInAnyOrder(sortKeysUpTo(130)));
    }

    @Test
    void writesAgainWhatTheTableLeftUnprocessed() {
        String pk = UUID.randomUUID().toString();
        HoldingBack holdingBack = new HoldingBack(3);

        Batches.put(holdingBack.client(), TABLE, items(pk, 60));

        assertThat(holdingBack.calls.get(), greaterThan(3));
        assertThat(sortKeys(Batches.get(dynamo, TABLE, keys(pk, 60), true)), containsInAnyOrder(sortKeysUpTo(60)));
    }

    @Test
    void readsAgainWhatTheTableLeftUnprocessed() {
        String pk = UUID.randomUUID().toString();
        Batches.put(dynamo, TABLE, items(pk, 150));
        HoldingBack holdingBack = new HoldingBack(4);

        var read = Batches.get(holdingBack.client(), TABLE, keys(pk, 150),
                options -> options.consistentRead(true).projectionExpression("pk, sk"));

        assertThat(holdingBack.calls.get(), greaterThan(2));
        assertThat(sortKeys(read), containsInAnyOrder(sortKeysUpTo(150)));
        assertThat(read.get(0).containsKey("payload"), is(false));
    }

    @Test
    void deletesWhatItIsGiven() {
        String pk = UUID.randomUUID().toString();
        Batches.put(dynamo, TABLE, items(pk, 40));

        Batches.delete(new HoldingBack(2).client(), TABLE, keys(pk, 30));

        assertThat(sortKeys(Batches.get(dynamo, TABLE, keys(pk, 40), true)),
                containsInAnyOrder(IntStream.range(30, 40).mapToObj(BatchesTest::sortKey).toArray()));
        Batches.delete(dynamo, TABLE, keys(pk, 40));
        assertThat(Batches.get(dynamo, TABLE, keys(pk, 40), true), is(empty()));
    }

    @Test
    void aTableThatNeverTakesAllIsBusy() {
        String pk = UUID.randomUUID().toString();
        HoldingBack holdingBack = new HoldingBack(Integer.MAX_VALUE);

        ApiException busy = assertThrows(ApiException.class, () -> Batches.put(holdingBack.client(), TABLE, items(pk, 5)));

        assertThat(busy.status(), is(Status.SERVICE_UNAVAILABLE_503));
        assertThat(busy.code(), is("busy"));
        assertThat(holdingBack.calls.get(), is(Batches.MAX_ATTEMPTS));
    }

    private static List<Map<String, AttributeValue>> items(String pk, int count) {
        return keys(pk, count).stream().map(key -> {
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("payload", AttributeValue.fromS("x"));
            return item;
        }).map(item -> (Map<String, AttributeValue>) item).toList();
    }

    private static List<Map<String, AttributeValue>> keys(String pk, int count) {
        return IntStream.range(0, count).mapToObj(i -> key(pk, sortKey(i))).toList();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    private static String sortKey(int i) {
        return String.format("%04d", i);
    }

    private static Object[] sortKeysUpTo(int count) {
        return IntStream.range(0, count).mapToObj(BatchesTest::sortKey).toArray();
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> Items.str(item, "sk")).toList();
    }

    /**
     * What a throttled table does to a batch, for the first {@code times} calls: it applies only the first half of the
     * batch (the emulator really receives only that) and answers the other half as unprocessed. A batch of one goes
     * through whole and is still answered as unprocessed: a write applied twice, or a read answered later, is what
     * the retry must cope with anyway.
     */
    private static final class HoldingBack implements ExecutionInterceptor {
        private static final ExecutionAttribute<Object> HELD = new ExecutionAttribute<>("held-back");
        private final int times;
        private final AtomicInteger calls = new AtomicInteger();

        HoldingBack(int times) {
            this.times = times;
        }

        DynamoDbClient client() {
            return TestCloud.configure(DynamoDbClient.builder())
                    .overrideConfiguration(o -> o.addExecutionInterceptor(this)).build();
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (calls.incrementAndGet() > times) {
                return context.request();
            }
            if (context.request() instanceof BatchWriteItemRequest write) {
                String table = write.requestItems().keySet().iterator().next();
                List<WriteRequest> writes = write.requestItems().get(table);
                int taken = writes.size() / 2;
                attributes.putAttribute(HELD, Map.of(table, taken == 0 ? writes : writes.subList(taken, writes.size())));
                return taken == 0 ? write : write.toBuilder().requestItems(Map.of(table, writes.subList(0, taken))).build();
            }
            if (context.request() instanceof BatchGetItemRequest get) {
                String table = get.requestItems().keySet().iterator().next();
                KeysAndAttributes read = get.requestItems().get(table);
                int taken = read.keys().size() / 2;
                List<Map<String, AttributeValue>> held = taken == 0 ? read.keys() : read.keys().subList(taken, read.keys().size());
                attributes.putAttribute(HELD, Map.of(table, read.toBuilder().keys(held).build()));
                return taken == 0 ? get : get.toBuilder().requestItems(Map.of(table, read.toBuilder()
                        .keys(read.keys().subList(0, taken)).build())).build();
            }
            return context.request();
        }

        @Override
        @SuppressWarnings("unchecked")
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            Object held = attributes.getAttribute(HELD);
            if (held == null) {
                return context.response();
            }
            if (context.response() instanceof BatchWriteItemResponse write) {
                return write.toBuilder().unprocessedItems((Map<String, List<WriteRequest>>) held).build();
            }
            if (context.response() instanceof BatchGetItemResponse get) {
                var unprocessed = (Map<String, KeysAndAttributes>) held;
                Map<String, List<Map<String, AttributeValue>>> answered = new HashMap<>();
                get.responses().forEach((table, items) -> answered.put(table, items.stream()
                        .filter(item -> !unprocessed.get(table).keys().contains(Map.of("pk", item.get("pk"), "sk", item.get("sk"))))
                        .toList()));
                return get.toBuilder().responses(answered).unprocessedKeys(unprocessed).build();
            }
            return context.response();
        }
    }
}
