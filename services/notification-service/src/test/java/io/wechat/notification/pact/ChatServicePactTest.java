package io.wechat.notification.pact;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.wechat.kit.web.Json;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.support.PactConsumerStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What notification-service expects of chat-service's {@code message.sent} event: only the fields it
 * reads, including {@code onlineRecipientIds}. Each message is fed, twice, to the production handler (over the
 * Terraform fixture's notifications table in the emulator, with ids of the test's own in place of the examples, and a
 * push gateway recording what would go to SNS mobile push): one push per offline device. Writes
 * contracts/notification-service-chat-service.json.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "chat-service", providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
class ChatServicePactTest {
    private static final String CONSUMER = "notification-service";
    private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Pact(consumer = CONSUMER)
    V4Pact directMessage(PactBuilder builder) {
        PactDslJsonBody body = envelope();
        PactDslJsonBody payload = body.object("payload")
                .stringType("conversationId", "c-1")
                .stringValue("conversationType", "direct");
        message(payload)
                .stringType("senderDisplayName", "Alice")
                .stringType("preview", "Dinner at 8?")
                .eachLike("recipients", PactDslJsonRootValue.stringType("u-2"), 1)
                .array("onlineRecipientIds").closeArray()
                .closeObject();
        return builder.given("user u-1 sends a text message to user u-2, who is offline")
                .expectsToReceiveMessageInteraction("a message.sent event", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", "message.sent")).withContent(body)))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact groupMessage(PactBuilder builder) {
        PactDslJsonBody body = envelope();
        PactDslJsonBody payload = body.object("payload")
                .stringType("conversationId", "c-1")
                .stringValue("conversationType", "group")
                .stringType("conversationTitle", "Climbing");
        message(payload)
                .stringType("senderDisplayName", "Alice")
                .stringType("preview", "Saturday?")
                .array("recipients").stringType("u-2").stringType("u-3").closeArray()
                .array("onlineRecipientIds").stringType("u-3").closeArray()
                .closeObject();
        return builder.given("user u-1 sends a text message to group c-1 with members u-2 and u-3, u-3 online")
                .expectsToReceiveMessageInteraction("a message.sent event in a group", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", "message.sent")).withContent(body)))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact mentionInAGroup(PactBuilder builder) {
        PactDslJsonBody body = envelope();
        PactDslJsonBody payload = body.object("payload")
                .stringType("conversationId", "c-1")
                .stringValue("conversationType", "group")
                .stringType("conversationTitle", "Climbing");
        ((PactDslJsonBody) payload.object("message")
                .stringType("messageId", "m-1")
                .stringType("senderId", "u-1")
                .stringMatcher("createdAt", ISO_MILLIS, "2026-11-26T21:00:00.000Z")
                .booleanType("mentionAll", false)
                .array("mentions").stringType("u-2").closeArray()
                .closeObject())
                .stringType("senderDisplayName", "Alice")
                .stringType("preview", "@Bob Saturday?")
                .array("recipients").stringType("u-2").stringType("u-3").closeArray()
                .array("onlineRecipientIds").closeArray()
                .closeObject();
        return builder.given("user u-1 mentions user u-2 in a message to group c-1 with members u-2 and u-3")
                .expectsToReceiveMessageInteraction("a message.sent event with a mention", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", "message.sent")).withContent(body)))
                .toPact();
    }

    private static PactDslJsonBody envelope() {
        return new PactDslJsonBody()
                .stringMatcher("eventId", UUID, "6f1c2a8e-3b4d-4c5e-8f90-1a2b3c4d5e6f")
                .stringValue("type", "message.sent")
                .integerType("version", 1)
                .stringMatcher("occurredAt", ISO_MILLIS, "2026-11-26T21:00:00.000Z");
    }

    private static PactDslJsonBody message(PactDslJsonBody payload) {
        return (PactDslJsonBody) payload.object("message")
                .stringType("messageId", "m-1")
                .stringType("senderId", "u-1")
                .stringMatcher("createdAt", ISO_MILLIS, "2026-11-26T21:00:00.000Z")
                .closeObject();
    }

    @Test
    @PactTestFor(pactMethod = "directMessage")
    void pushesTheOfflineRecipient(V4Interaction.AsynchronousMessage message) {
        try (PactConsumerStore store = store()) {
            assertOnePushTo(store, consume(store, message, List.of(), "u-2", "u-3"), "u-2", "Alice");
        }
    }

    @Test
    @PactTestFor(pactMethod = "groupMessage")
    void pushesOnlyTheOfflineMembersOfAGroup(V4Interaction.AsynchronousMessage message) {
        try (PactConsumerStore store = store()) {
            assertOnePushTo(store, consume(store, message, List.of(), "u-2", "u-3"), "u-2", "Climbing");
        }
    }

    @Test
    @PactTestFor(pactMethod = "mentionInAGroup")
    void pushesAMentionedMemberEvenInAMutedConversation(V4Interaction.AsynchronousMessage message) {
        try (PactConsumerStore store = store()) {
            // Both offline members muted the group: only the mentioned one is pushed.
            assertOnePushTo(store, consume(store, message, List.of("u-2", "u-3"), "u-2", "u-3"), "u-2", "Climbing");
        }
    }

    /** Exactly one push was published, to {@code user}'s device, with {@code title} as its APNs alert's title. */
    private static void assertOnePushTo(PactConsumerStore store, Map<String, List<String>> pushes, String user, String title) {
        String endpoint = endpoint(store, user);
        assertThat(pushes.keySet(), is(Set.of(endpoint)));
        assertThat(pushes.get(endpoint).size(), is(1));
        String apns = Json.tree(pushes.get(endpoint).get(0).getBytes()).path("APNS").asText();
        assertThat(Json.tree(apns.getBytes()).path("aps").path("alert").path("title").asText(), is(title));
    }

    /** A store over the fixture's table, with ids of the test's own for the users, conversation and message. */
    private static PactConsumerStore store() {
        return new PactConsumerStore("u-1", "u-2", "u-3", "c-1", "m-1");
    }

    private static String endpoint(PactConsumerStore store, String user) {
        return "endpoint-" + store.id(user);
    }

    /**
     * Feeds the message, delivered twice, to the production handler over the fixture's table, with an APNs device
     * for each of {@code users} and conversation c-1 muted (for ever) by {@code mutedBy}; answers what was published,
     * by endpoint.
     */
    private static Map<String, List<String>> consume(PactConsumerStore store, V4Interaction.AsynchronousMessage message,
                                                     List<String> mutedBy, String... users) {
        String conversation = store.id("c-1");
        for (String example : mutedBy) {
            Map<String, AttributeValue> mute = new HashMap<>(Keys.item(Keys.userPk(store.id(example)), Keys.muteSk(conversation)));
            mute.put("conversation_id", AttributeValue.fromS(conversation));
            mute.put("muted_at", AttributeValue.fromS("2026-11-26T20:00:00.000Z"));
            store.dynamo.putItem(b -> b.tableName(store.table.name()).item(mute));
        }
        for (String example : users) {
            String user = store.id(example);
            Map<String, AttributeValue> device = new HashMap<>(Keys.item(Keys.userPk(user), Keys.deviceSk("d-" + user)));
            device.put("device_id", AttributeValue.fromS("d-" + user));
            device.put("user_id", AttributeValue.fromS(user));
            device.put("platform", AttributeValue.fromS("apns"));
            device.put("token", AttributeValue.fromS("token-" + user));
            device.put("endpoint_arn", AttributeValue.fromS(endpoint(store, example)));
            device.put("created_at", AttributeValue.fromS("2026-11-26T21:00:00.000Z"));
            store.dynamo.putItem(b -> b.tableName(store.table.name()).item(device));
        }
        store.consumeTwice(message);
        return store.pushes.published();
    }
}
