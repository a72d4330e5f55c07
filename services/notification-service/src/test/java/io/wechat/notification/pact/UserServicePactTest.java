package io.wechat.notification.pact;

import java.util.Map;

import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.wechat.notification.accounts.AccountStates;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.support.PactConsumerStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What notification-service expects of user-service's user.disabled and user.enabled events: the user's id, which
 * stops (or resumes) their pushes; and of user.deleted: the id of the user whose data it erases. Each message is fed,
 * twice, to the production handler over the Terraform fixture's notifications table in the emulator, with a user id of
 * the test's own in place of u-2. Writes contracts/notification-service-user-service.json.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "user-service", providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
class UserServicePactTest {
    private static final String CONSUMER = "notification-service";
    private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Pact(consumer = CONSUMER)
    V4Pact userDisabled(PactBuilder builder) {
        return builder.given("an admin disables user u-2")
                .expectsToReceiveMessageInteraction("a user.disabled event", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", "user.disabled"))
                                .withContent(envelope("user.disabled"))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact userEnabled(PactBuilder builder) {
        return builder.given("an admin enables user u-2")
                .expectsToReceiveMessageInteraction("a user.enabled event", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", "user.enabled"))
                                .withContent(envelope("user.enabled"))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact userDeleted(PactBuilder builder) {
        return builder.given("user u-2 deletes their account")
                .expectsToReceiveMessageInteraction("a user.deleted event", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", "user.deleted"))
                                .withContent(envelope("user.deleted"))))
                .toPact();
    }

    private static PactDslJsonBody envelope(String type) {
        PactDslJsonBody body = new PactDslJsonBody()
                .stringMatcher("eventId", UUID, "6f1c2a8e-3b4d-4c5e-8f90-1a2b3c4d5e6f")
                .stringValue("type", type)
                .integerType("version", 1)
                .stringMatcher("occurredAt", ISO_MILLIS, "2026-11-26T21:00:00.000Z");
        body.object("payload").stringType("userId", "u-2").closeObject();
        return body;
    }

    @Test
    @PactTestFor(pactMethod = "userDisabled")
    void stopsPushingToADisabledUser(V4Interaction.AsynchronousMessage message) {
        try (PactConsumerStore store = new PactConsumerStore("u-2")) {
            store.consumeTwice(message);
            assertThat(accounts(store).isDisabled(store.id("u-2")), is(true));
        }
    }

    @Test
    @PactTestFor(pactMethod = "userEnabled")
    void pushesToAnEnabledUserAgain(V4Interaction.AsynchronousMessage message) {
        try (PactConsumerStore store = new PactConsumerStore("u-2")) {
            accounts(store).record(store.id("u-2"), true, "2026-11-26T20:00:00.000Z");
            assertThat(accounts(store).isDisabled(store.id("u-2")), is(true));
            store.consumeTwice(message);
            assertThat(accounts(store).isDisabled(store.id("u-2")), is(false));
        }
    }

    @Test
    @PactTestFor(pactMethod = "userDeleted")
    void erasesADeletedUsersMutesAndHistory(V4Interaction.AsynchronousMessage message) {
        try (PactConsumerStore store = new PactConsumerStore("u-2")) {
            String user = store.id("u-2");
            store.dynamo.putItem(b -> b.tableName(store.table.name()).item(Map.of(
                    "pk", AttributeValue.fromS(Keys.userPk(user)), "sk", AttributeValue.fromS(Keys.muteSk("c-1")))));
            store.consumeTwice(message);
            var left = store.dynamo.query(b -> b.tableName(store.table.name()).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.userPk(user)))).consistentRead(true))
                    .items();
            assertThat(left.size(), is(1));
            assertThat(left.get(0).get("sk").s(), is(Keys.ACCOUNT_SK));
            assertThat(accounts(store).isDisabled(user), is(true));
        }
    }

    private static AccountStates accounts(PactConsumerStore store) {
        return new AccountStates(store.dynamo, store.table);
    }
}
