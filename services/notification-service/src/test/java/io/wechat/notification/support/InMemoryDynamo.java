package io.wechat.notification.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A DynamoDB table in memory for fast tests: put (unconditional), get, delete, batch get, batch put, and queries of the form
 * {@code pk = :pk AND begins_with(sk, :prefix)}; updates are accepted and ignored, and so are a transaction's
 * updates (its puts are applied). Enough for the
 * service's code paths that a Pact test drives, not a stand-in for the emulator.
 */
public final class InMemoryDynamo {
    private final Map<String, TreeMap<String, Map<String, AttributeValue>>> items = new HashMap<>();
    public final DynamoDbClient client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class}, this::invoke);

    public void put(Map<String, AttributeValue> item) {
        items.computeIfAbsent(item.get("pk").s(), k -> new TreeMap<>()).put(item.get("sk").s(), item);
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "putItem" -> {
                put(request(args, PutItemRequest::builder, PutItemRequest.Builder::build).item());
                yield PutItemResponse.builder().build();
            }
            case "getItem" -> {
                var key = request(args, GetItemRequest::builder, GetItemRequest.Builder::build).key();
                var item = items.getOrDefault(key.get("pk").s(), new TreeMap<>()).get(key.get("sk").s());
                yield item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
            }
            case "deleteItem" -> {
                var key = request(args, DeleteItemRequest::builder, DeleteItemRequest.Builder::build).key();
                var old = items.getOrDefault(key.get("pk").s(), new TreeMap<>()).remove(key.get("sk").s());
                yield old == null ? DeleteItemResponse.builder().build() : DeleteItemResponse.builder().attributes(old).build();
            }
            case "updateItem" -> UpdateItemResponse.builder().build();
            case "transactWriteItems" -> {
                request(args, TransactWriteItemsRequest::builder, TransactWriteItemsRequest.Builder::build).transactItems()
                        .stream().filter(item -> item.put() != null).forEach(item -> put(item.put().item()));
                yield TransactWriteItemsResponse.builder().build();
            }
            case "batchGetItem" -> {
                Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
                request(args, BatchGetItemRequest::builder, BatchGetItemRequest.Builder::build).requestItems()
                        .forEach((table, keys) -> found.put(table, keys.keys().stream()
                                .map(key -> items.getOrDefault(key.get("pk").s(), new TreeMap<>()).get(key.get("sk").s()))
                                .filter(Objects::nonNull).toList()));
                yield BatchGetItemResponse.builder().responses(found).build();
            }
            case "batchWriteItem" -> {
                request(args, BatchWriteItemRequest::builder, BatchWriteItemRequest.Builder::build).requestItems().values()
                        .forEach(writes -> writes.stream().filter(w -> w.putRequest() != null)
                                .forEach(w -> put(w.putRequest().item())));
                yield BatchWriteItemResponse.builder().build();
            }
            case "query" -> {
                var request = request(args, QueryRequest::builder, QueryRequest.Builder::build);
                var values = request.expressionAttributeValues();
                List<Map<String, AttributeValue>> found = new ArrayList<>();
                items.getOrDefault(values.get(":pk").s(), new TreeMap<>()).forEach((sk, item) -> {
                    if (sk.startsWith(values.get(":prefix").s())) {
                        found.add(item);
                    }
                });
                yield QueryResponse.builder().items(found).count(found.size()).build();
            }
            case "serviceName" -> "dynamodb";
            case "close" -> null;
            default -> {
                if (method.isDefault()) {
                    yield InvocationHandler.invokeDefault(proxy, method, args);
                }
                throw new UnsupportedOperationException(method.getName());
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <R, B> R request(Object[] args, Supplier<B> builder,
                                    Function<B, R> build) {
        if (args[0] instanceof Consumer<?> consumer) {
            B b = builder.get();
            ((Consumer<B>) consumer).accept(b);
            return build.apply(b);
        }
        return (R) args[0];
    }
}
