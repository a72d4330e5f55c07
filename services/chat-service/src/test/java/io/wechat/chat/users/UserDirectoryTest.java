package io.wechat.chat.users;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.webclient.api.WebClient;
import io.wechat.kit.auth.Caller;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Names to show: the projection first, HTTP only with a token, the id when nothing answers. */
class UserDirectoryTest {
    /** user-service is not there: every HTTP lookup fails (and would answer the id). */
    private static final WebClient NOWHERE = WebClient.builder().baseUri(URI.create("http://127.0.0.1:9"))
            .connectTimeout(Duration.ofMillis(200)).readTimeout(Duration.ofMillis(200)).build();

    private final Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    private DynamoDbClient dynamo() {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getItem" -> {
                        reads.incrementAndGet();
                        var builder = software.amazon.awssdk.services.dynamodb.model.GetItemRequest.builder();
                        @SuppressWarnings("unchecked")
                        var consumer = (java.util.function.Consumer<software.amazon.awssdk.services.dynamodb.model.GetItemRequest.Builder>) args[0];
                        consumer.accept(builder);
                        var item = items.get(builder.build().key().get("pk").s());
                        yield item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theProjectionNamesTheSenderWithoutAToken() {
        items.put("USER#u-1", Map.of("pk", AttributeValue.fromS("USER#u-1"), "sk", AttributeValue.fromS("PROFILE"),
                "username", AttributeValue.fromS("alice"), "display_name", AttributeValue.fromS("Alice")));
        items.put("USER#u-2", Map.of("pk", AttributeValue.fromS("USER#u-2"), "sk", AttributeValue.fromS("PROFILE"),
                "username", AttributeValue.fromS("bob")));
        var directory = new UserDirectory(NOWHERE, new ProfileProjection(dynamo(), "t"), Duration.ofMinutes(1), 10,
                Clock.systemUTC());
        Caller socket = new Caller("u-1", "");
        assertThat(directory.shownName("u-1", socket), is("Alice"));
        assertThat("cached after the first read", directory.shownName("u-1", socket), is("Alice"));
        assertThat(reads.get(), is(1));
        assertThat("no display name: the username", directory.shownName("u-2", socket), is("bob"));
        directory.evict("u-1");
        items.put("USER#u-1", Map.of("pk", AttributeValue.fromS("USER#u-1"), "display_name", AttributeValue.fromS("Alice L.")));
        assertThat("an event evicts, the next read sees the new name", directory.shownName("u-1", socket), is("Alice L."));
    }

    @Test
    void withoutAProjectedProfileTheIdIsShown() {
        var directory = new UserDirectory(NOWHERE, new ProfileProjection(dynamo(), "t"), Duration.ofMinutes(1), 10,
                Clock.systemUTC());
        assertThat("no token: no HTTP call", directory.shownName("u-9", new Caller("u-9", "")), is("u-9"));
        assertThat("user-service down", directory.shownName("u-9", new Caller("u-9", "Bearer x")), is("u-9"));
        var withoutProjection = new UserDirectory(NOWHERE, Duration.ofMinutes(1), 10, Clock.systemUTC());
        assertThat(withoutProjection.shownName("u-9", new Caller("u-9", "")), is("u-9"));
    }
}
