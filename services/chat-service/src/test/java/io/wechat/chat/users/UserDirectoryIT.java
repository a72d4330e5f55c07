package io.wechat.chat.users;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.helidon.webclient.api.WebClient;
import io.wechat.chat.storage.Tables;
import io.wechat.chat.support.ChatResources;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.testing.TestCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Names to show: the projection (in the emulator's DynamoDB) first, HTTP only with a token, the id when nothing answers. */
class UserDirectoryIT {
    /** user-service is not there: every HTTP lookup fails (and would answer the id). */
    private static final WebClient NOWHERE = WebClient.builder().baseUri(URI.create("http://127.0.0.1:9"))
            .connectTimeout(Duration.ofMillis(200)).readTimeout(Duration.ofMillis(200)).build();

    private static DynamoDbClient dynamo;
    private static Tables tables;

    @BeforeAll
    static void claimTables() {
        dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
        tables = ChatResources.claim(dynamo).tables();
    }

    @AfterAll
    static void closeClient() {
        dynamo.close();
    }

    private static void profile(String userId, Map<String, AttributeValue> fields) {
        var item = new HashMap<>(Map.of("pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS("PROFILE")));
        item.putAll(fields);
        dynamo.putItem(b -> b.tableName(tables.conversations()).item(item));
    }

    private static UserDirectory directory() {
        return new UserDirectory(NOWHERE, new ProfileProjection(dynamo, tables.conversations()), Duration.ofMinutes(1), 10,
                Clock.systemUTC());
    }

    @Test
    void theProjectionNamesTheSenderWithoutAToken() {
        String alice = "u-" + UUID.randomUUID();
        String bob = "u-" + UUID.randomUUID();
        profile(alice, Map.of("username", AttributeValue.fromS("alice"), "display_name", AttributeValue.fromS("Alice")));
        profile(bob, Map.of("username", AttributeValue.fromS("bob")));
        var directory = directory();
        Caller socket = new Caller(alice, "");

        assertThat(directory.shownName(alice, socket), is("Alice"));
        dynamo.deleteItem(b -> b.tableName(tables.conversations())
                .key(Map.of("pk", AttributeValue.fromS("USER#" + alice), "sk", AttributeValue.fromS("PROFILE"))));
        assertThat("cached after the first read", directory.shownName(alice, socket), is("Alice"));
        assertThat("no display name: the username", directory.shownName(bob, socket), is("bob"));

        profile(alice, Map.of("display_name", AttributeValue.fromS("Alice L.")));
        assertThat("cached until an event evicts it", directory.shownName(alice, socket), is("Alice"));
        directory.evict(alice);
        assertThat("an event evicts, the next read sees the new name", directory.shownName(alice, socket), is("Alice L."));
    }

    @Test
    void withoutAProjectedProfileTheIdIsShown() {
        var directory = directory();
        assertThat("no token: no HTTP call", directory.shownName("u-9", new Caller("u-9", "")), is("u-9"));
        assertThat("user-service down", directory.shownName("u-9", new Caller("u-9", "Bearer x")), is("u-9"));
        var withoutProjection = new UserDirectory(NOWHERE, Duration.ofMinutes(1), 10, Clock.systemUTC());
        assertThat(withoutProjection.shownName("u-9", new Caller("u-9", "")), is("u-9"));
    }
}
