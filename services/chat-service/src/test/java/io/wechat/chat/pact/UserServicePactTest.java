package io.wechat.chat.pact;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.helidon.webclient.api.WebClient;
import io.wechat.chat.accounts.AccountDeletion;
import io.wechat.chat.reports.UserAccounts;
import io.wechat.chat.events.ProcessedEvents;
import io.wechat.chat.events.UserEventsHandler;
import io.wechat.chat.sessions.SessionEvents;
import io.wechat.chat.storage.Tables;
import io.wechat.chat.support.ChatResources;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.ProfileProjection;
import io.wechat.chat.users.UserDirectory;
import io.wechat.chat.users.UserProfile;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What chat-service expects of user-service: {@code GET /users/{userId}} with {@code canAddToGroups} for the
 * caller (through the production
 * {@link UserDirectory}) and the user.blocked / user.unblocked / user.registered / user.profile-updated events
 * (through the production {@link UserEventsHandler}), and user.disabled / user.enabled / user.signedOut (through it
 * and the production {@link SessionEvents}), and {@code POST /admin/users/{userId}/disable} with a moderator's token
 * (through the production {@link UserAccounts}: 200, 404 for an unknown user, 403 without the admin scope). Writes contracts/chat-service-user-service.json (V4, HTTP and messages).
 * The user id in the path and body and the caller's token come from the provider state: user-service's
 * verification creates real users for "user u-2 exists" and answers their ids and a real access token.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "user-service", pactVersion = PactSpecVersion.V4)
class UserServicePactTest {
    private static final String CONSUMER = "chat-service";
    private static final String TOKEN = "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl";
    private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Pact(consumer = CONSUMER)
    V4Pact userExists(PactDslWithProvider builder) {
        return builder.given("user u-2 exists")
                .uponReceiving("a request for the public profile of user u-2")
                .method("GET").pathFromProviderState("/users/${userId}", "/users/u-2")
                .matchHeader("Authorization", "Bearer .+", TOKEN)
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .willRespondWith().status(200)
                .headers(Map.of("Content-Type", "application/json"))
                .body(new PactDslJsonBody().valueFromProviderState("userId", "${userId}", "u-2")
                        .stringType("username", "bob").stringType("displayName", "Bob")
                        .booleanType("canAddToGroups", true))
                .toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact userMissing(PactDslWithProvider builder) {
        return builder.given("user u-404 does not exist")
                .uponReceiving("a request for the public profile of user u-404")
                .method("GET").pathFromProviderState("/users/${userId}", "/users/u-404")
                .matchHeader("Authorization", "Bearer .+", TOKEN)
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .willRespondWith().status(404)
                .toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact userBlocked(PactBuilder builder) {
        return builder.given("user u-1 blocks user u-2")
                .expectsToReceiveMessageInteraction("a user.blocked event", message -> message
                        .withContents(contents -> contents
                                .withMetadata(Map.of("type", "user.blocked"))
                                .withContent(envelope("user.blocked"))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact userUnblocked(PactBuilder builder) {
        return builder.given("user u-1 unblocks user u-2")
                .expectsToReceiveMessageInteraction("a user.unblocked event", message -> message
                        .withContents(contents -> contents
                                .withMetadata(Map.of("type", "user.unblocked"))
                                .withContent(envelope("user.unblocked"))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact userRegistered(PactBuilder builder) {
        return builder.given("user u-2 registers")
                .expectsToReceiveMessageInteraction("a user.registered event", message -> message
                        .withContents(contents -> contents
                                .withMetadata(Map.of("type", "user.registered"))
                                .withContent(profileEnvelope("user.registered"))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact profileUpdated(PactBuilder builder) {
        PactDslJsonBody envelope = profileEnvelope("user.profile-updated");
        return builder.given("user u-2 updates their profile")
                .expectsToReceiveMessageInteraction("a user.profile-updated event", message -> message
                        .withContents(contents -> contents
                                .withMetadata(Map.of("type", "user.profile-updated"))
                                .withContent(envelope)))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact userDisabled(PactBuilder builder) {
        return builder.given("an admin disables user u-2")
                .expectsToReceiveMessageInteraction("a user.disabled event", message -> message
                        .withContents(contents -> contents
                                .withMetadata(Map.of("type", "user.disabled"))
                                .withContent(sessionEnvelope("user.disabled", payload -> payload
                                        .stringType("actorId", "u-1").stringType("reason", "spam")))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact userEnabled(PactBuilder builder) {
        return builder.given("an admin enables user u-2")
                .expectsToReceiveMessageInteraction("a user.enabled event", message -> message
                        .withContents(contents -> contents
                                .withMetadata(Map.of("type", "user.enabled"))
                                .withContent(sessionEnvelope("user.enabled", payload -> payload
                                        .stringType("actorId", "u-1")))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact userSignedOut(PactBuilder builder) {
        return builder.given("user u-2 signs out")
                .expectsToReceiveMessageInteraction("a user.signedOut event", message -> message
                        .withContents(contents -> contents
                                .withMetadata(Map.of("type", "user.signedOut"))
                                .withContent(sessionEnvelope("user.signedOut", payload -> payload
                                        .stringMatcher("sessionId", UUID, "0b7e2f4a-9c1d-4e8f-a2b3-c4d5e6f7a8b9")))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact userDeleted(PactBuilder builder) {
        return builder.given("user u-2 deletes their account")
                .expectsToReceiveMessageInteraction("a user.deleted event", message -> message
                        .withContents(contents -> contents
                                .withMetadata(Map.of("type", AccountDeletion.DELETED))
                                .withContent(sessionEnvelope(AccountDeletion.DELETED, payload -> { }))))
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    V4Pact adminDisablesUser(PactDslWithProvider builder) {
        return disable(builder, "an admin and user u-2 exist", "an admin's request to disable user u-2", "u-2", 200);
    }

    @Pact(consumer = CONSUMER)
    V4Pact adminDisablesUnknownUser(PactDslWithProvider builder) {
        return disable(builder, "an admin exists and user u-404 does not", "an admin's request to disable user u-404",
                "u-404", 404);
    }

    @Pact(consumer = CONSUMER)
    V4Pact nonAdminDisablesUser(PactDslWithProvider builder) {
        return disable(builder, "user u-2 exists", "a request to disable user u-2 with a token without the admin scope",
                "u-2", 403);
    }

    /** {@code POST /admin/users/{userId}/disable {reason}} as UserAccounts sends it; the user and token from the state. */
    private static V4Pact disable(PactDslWithProvider builder, String state, String description, String exampleUserId,
                                  int status) {
        return builder.given(state)
                .uponReceiving(description)
                .method("POST")
                .pathFromProviderState("/admin/users/${userId}/disable", "/admin/users/" + exampleUserId + "/disable")
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(new PactDslJsonBody().stringType("reason", "spam"))
                .willRespondWith().status(status)
                .toPact(V4Pact.class);
    }

    /** user.disabled, user.enabled, user.signedOut: what chat-service's session handling reads (userId, sessionId). */
    private static PactDslJsonBody sessionEnvelope(String type, Consumer<PactDslJsonBody> payload) {
        PactDslJsonBody body = new PactDslJsonBody()
                .stringMatcher("eventId", UUID, "6f1c2a8e-3b4d-4c5e-8f90-1a2b3c4d5e6f")
                .stringValue("type", type)
                .integerType("version", 1)
                .stringMatcher("occurredAt", ISO_MILLIS, "2026-11-26T21:00:00.000Z");
        PactDslJsonBody fields = body.object("payload").stringType("userId", "u-2");
        payload.accept(fields);
        fields.closeObject();
        return body;
    }

    /** user.registered and user.profile-updated: what the profile projection reads (userId, username, displayName). */
    private static PactDslJsonBody profileEnvelope(String type) {
        PactDslJsonBody body = new PactDslJsonBody()
                .stringMatcher("eventId", UUID, "6f1c2a8e-3b4d-4c5e-8f90-1a2b3c4d5e6f")
                .stringValue("type", type)
                .integerType("version", 1)
                .stringMatcher("occurredAt", ISO_MILLIS, "2026-11-26T21:00:00.000Z");
        body.object("payload").stringType("userId", "u-2").stringType("username", "bob")
                .stringType("displayName", "Bob").closeObject();
        return body;
    }

    private static PactDslJsonBody envelope(String type) {
        PactDslJsonBody body = new PactDslJsonBody()
                .stringMatcher("eventId", UUID, "6f1c2a8e-3b4d-4c5e-8f90-1a2b3c4d5e6f")
                .stringValue("type", type)
                .integerType("version", 1)
                .stringMatcher("occurredAt", ISO_MILLIS, "2026-11-26T21:00:00.000Z");
        body.object("payload").stringType("blockerId", "u-1").stringType("blockedId", "u-2").closeObject();
        return body;
    }

    private static UserDirectory directory(MockServer server) {
        WebClient client = WebClient.builder().baseUri(server.getUrl())
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build();
        return new UserDirectory(client, Duration.ofSeconds(60), 100, Clock.systemUTC());
    }

    /** Timeouts that a busy machine's mock server meets: a timeout would read as user-service being unavailable. */
    private static UserAccounts accounts(MockServer server) {
        return new UserAccounts(WebClient.builder().baseUri(server.getUrl())
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10)).build());
    }

    /** A moderator resolves a report with disable_user: the production client asks user-service with their token. */
    @Test
    @PactTestFor(pactMethod = "adminDisablesUser")
    void disablesAUserThroughUserService(MockServer server) {
        accounts(server).disable(new Caller("u-1", TOKEN), "u-2", "spam");
    }

    @Test
    @PactTestFor(pactMethod = "adminDisablesUnknownUser")
    void anUnknownUserIsNotFound(MockServer server) {
        ApiException e = assertThrows(ApiException.class,
                () -> accounts(server).disable(new Caller("u-1", TOKEN), "u-404", "spam"));
        assertThat(e.status().code(), is(404));
        assertThat(e.code(), is("user_not_found"));
    }

    @Test
    @PactTestFor(pactMethod = "nonAdminDisablesUser")
    void aRefusalIsForbidden(MockServer server) {
        ApiException e = assertThrows(ApiException.class,
                () -> accounts(server).disable(new Caller("u-1", TOKEN), "u-2", "spam"));
        assertThat(e.status().code(), is(403));
        assertThat(e.code(), is("forbidden"));
    }

    @Test
    @PactTestFor(pactMethod = "userExists")
    void looksUpAnExistingUser(MockServer server) {
        UserProfile profile = directory(server).find("u-2", new Caller("u-1", TOKEN)).orElseThrow();
        assertThat(profile.userId(), is("u-2"));
        assertThat(profile.shownName(), is("Bob"));
        assertThat(profile.mayBeAddedToGroupsByCaller(), is(true));
    }

    @Test
    @PactTestFor(pactMethod = "userMissing")
    void treatsNotFoundAsAnUnknownUser(MockServer server) {
        assertThat(directory(server).find("u-404", new Caller("u-1", TOKEN)).isPresent(), is(false));
    }

    @Test
    @PactTestFor(pactMethod = "userBlocked", providerType = ProviderType.ASYNCH)
    void recordsABlock(V4Interaction.AsynchronousMessage message) {
        Map<String, AttributeValue> block = consume(message);
        assertThat(block.get("pk").s(), is("BLOCK#u-1"));
        assertThat(block.get("sk").s(), is("USER#u-2"));
        assertThat(block.get("blocked").bool(), is(true));
    }

    @Test
    @PactTestFor(pactMethod = "userUnblocked", providerType = ProviderType.ASYNCH)
    void recordsAnUnblock(V4Interaction.AsynchronousMessage message) {
        Map<String, AttributeValue> block = consume(message);
        assertThat(block.get("pk").s(), is("BLOCK#u-1"));
        assertThat(block.get("blocked").bool(), is(false));
    }

    @Test
    @PactTestFor(pactMethod = "userRegistered", providerType = ProviderType.ASYNCH)
    void projectsARegisteredUsersName(V4Interaction.AsynchronousMessage message) {
        Map<String, AttributeValue> profile = consumeProfile(message);
        assertThat(profile.get("display_name").s(), is("Bob"));
        assertThat(profile.get("username").s(), is("bob"));
    }

    @Test
    @PactTestFor(pactMethod = "profileUpdated", providerType = ProviderType.ASYNCH)
    void projectsAProfileUpdate(V4Interaction.AsynchronousMessage message) {
        Map<String, AttributeValue> profile = consumeProfile(message);
        assertThat(profile.get("display_name").s(), is("Bob"));
    }

    @Test
    @PactTestFor(pactMethod = "userDisabled", providerType = ProviderType.ASYNCH)
    void closesADisabledUsersConnections(V4Interaction.AsynchronousMessage message) {
        assertThat(consumeSessionEvent(message), is(List.of("disabled u-2 at 2026-11-26T21:00:00Z")));
    }

    @Test
    @PactTestFor(pactMethod = "userEnabled", providerType = ProviderType.ASYNCH)
    void letsAnEnabledUserConnectAgain(V4Interaction.AsynchronousMessage message) {
        assertThat(consumeSessionEvent(message), is(List.of("enabled u-2 at 2026-11-26T21:00:00Z")));
    }

    @Test
    @PactTestFor(pactMethod = "userSignedOut", providerType = ProviderType.ASYNCH)
    void closesASignedOutSessionsConnections(V4Interaction.AsynchronousMessage message) {
        assertThat(consumeSessionEvent(message), is(List.of("signed out 0b7e2f4a-9c1d-4e8f-a2b3-c4d5e6f7a8b9")));
    }

    /** The production listener takes the event and reads whose account to erase (AccountDeletionIT erases it). */
    @Test
    @PactTestFor(pactMethod = "userDeleted", providerType = ProviderType.ASYNCH)
    void erasesADeletedUsersData(V4Interaction.AsynchronousMessage message) {
        EventEnvelope event = EventEnvelope.parse(
                new String(message.getContents().getContents().getValue(), StandardCharsets.UTF_8));
        assertThat(new AccountDeletion(null, null, null, null, null).takes(event.type()), is(true));
        assertThat(AccountDeletion.deletedUserId(event), is("u-2"));
    }

    /** Feeds a session event to the production handler and its session listener; answers what it asked to do. */
    private static List<String> consumeSessionEvent(V4Interaction.AsynchronousMessage message) {
        List<String> actions = new ArrayList<>();
        SessionEvents sessions = new SessionEvents(new SessionEvents.Actions() {
            @Override
            public void accountDisabled(String userId, Instant at) {
                actions.add("disabled " + userId + " at " + at);
            }

            @Override
            public void accountEnabled(String userId, Instant at) {
                actions.add("enabled " + userId + " at " + at);
            }

            @Override
            public void signedOut(String sessionId) {
                actions.add("signed out " + sessionId);
            }
        });
        try (var store = new Store()) {
            store.consumeTwice(message, List.of(sessions));
        }
        return actions;
    }

    /** Feeds a profile event to the production handler; answers the profile item written (and nothing else). */
    private static Map<String, AttributeValue> consumeProfile(V4Interaction.AsynchronousMessage message) {
        try (var store = new Store()) {
            store.consumeTwice(message, List.of());
            List<Map<String, AttributeValue>> items = store.conversationItems();
            assertThat("no block is written", items.stream().noneMatch(item -> item.get("pk").s().startsWith("BLOCK#")), is(true));
            Map<String, AttributeValue> profile = items.stream()
                    .filter(item -> item.get("pk").s().equals("USER#u-2")).findFirst().orElseThrow();
            assertThat(profile.get("sk").s(), is("PROFILE"));
            assertThat(profile.get("changed_at").s(), is("2026-11-26T21:00:00.000Z"));
            return profile;
        }
    }

    /** Feeds the message to the production handler; answers the block item written. */
    private static Map<String, AttributeValue> consume(V4Interaction.AsynchronousMessage message) {
        try (var store = new Store()) {
            store.consumeTwice(message, List.of());
            return store.conversationItems().stream()
                    .filter(item -> item.get("pk").s().startsWith("BLOCK#")).findFirst().orElseThrow();
        }
    }

    /** A set of chat-service's tables from Terraform, claimed for this class on first use (see {@link Store}). */
    private static Tables claimedTables;

    private static synchronized Tables claimedTables(DynamoDbClient dynamo) {
        if (claimedTables == null) {
            claimedTables = ChatResources.claim(dynamo).tables();
        }
        return claimedTables;
    }

    /**
     * chat-service's tables in the emulator, empty for each message (the handler writes to the conversations table
     * alone, which {@link #close} empties): every pact example carries the same eventId, which the production handler
     * remembers as processed.
     */
    private static final class Store implements AutoCloseable {
        private final DynamoDbClient dynamo = TestCloud.configure(DynamoDbClient.builder()).build();
        private final Tables tables = claimedTables(dynamo);

        /** Hands the message to the production handler twice (delivery is at least once): both must succeed. */
        void consumeTwice(V4Interaction.AsynchronousMessage message, List<UserEventsHandler.Listener> listeners) {
            var handler = new UserEventsHandler(new BlockStore(dynamo, tables.conversations()),
                    new ProfileProjection(dynamo, tables.conversations()),
                    new UserDirectory(WebClient.builder().build(), Duration.ofSeconds(1), 1, Clock.systemUTC()),
                    new ProcessedEvents(dynamo, tables, Clock.systemUTC()), listeners);
            String body = new String(message.getContents().getContents().getValue(), StandardCharsets.UTF_8);
            for (int delivery = 1; delivery <= 2; delivery++) {
                var response = handler.handle(List.of(new SqsBatch.Record("m-" + delivery, body)));
                assertThat("delivery " + delivery, response.batchItemFailures().isEmpty(), is(true));
            }
        }

        List<Map<String, AttributeValue>> conversationItems() {
            return dynamo.scan(b -> b.tableName(tables.conversations()).consistentRead(true)).items();
        }

        @Override
        public void close() {
            for (Map<String, AttributeValue> item : conversationItems()) {
                dynamo.deleteItem(b -> b.tableName(tables.conversations())
                        .key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            }
            dynamo.close();
        }
    }
}
