package io.wechat.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.Api.Response;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.Json;
import io.wechat.notification.devices.Platform;
import io.wechat.notification.events.MessageSentHandler;
import io.wechat.notification.push.PushGateway;
import io.wechat.notification.storage.Keys;
import io.wechat.notification.support.EmulatorPushes;
import io.wechat.notification.support.Events;
import io.wechat.notification.support.NotificationServiceFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** message.sent events on POST /events, against the emulator's DynamoDB and SNS mobile push. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushIT {
    private NotificationServiceFixture fixture;
    private Api api;

    @BeforeAll
    void start() {
        fixture = new NotificationServiceFixture();
        api = fixture.api;
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A user and their device ids, registered through the API. */
    private record User(String id, String token, List<String> deviceIds) {
    }

    private User userWith(Platform... platforms) {
        String id = TestIssuer.newUser();
        // Valid for a day: tests move the service's clock by hours (mute ends, event leases).
        String token = fixture.identity.token(id, TestIssuer.ISSUER, TestIssuer.AUDIENCE,
                Instant.now().plus(Duration.ofDays(1)));
        List<String> devices = new ArrayList<>();
        for (Platform platform : platforms) {
            Response registered = api.post("/devices", token, Map.of("platform", platform.wire(),
                    "token", "tok-" + UUID.randomUUID().toString().replace("-", "")));
            assertThat(registered.toString(), registered.status(), is(201));
            devices.add(registered.body().path("deviceId").asText());
        }
        return new User(id, token, devices);
    }

    private String endpointOf(User user, String deviceId) {
        var item = fixture.dynamo.getItem(b -> b.tableName(fixture.table.name())
                .key(Keys.item(Keys.userPk(user.id()), Keys.deviceSk(deviceId)))).item();
        return item.get("endpoint_arn").s();
    }

    private int pushesTo(User user, String deviceId) {
        return EmulatorPushes.messages(endpointOf(user, deviceId)).size();
    }

    private Response post(Map<String, Object> batch) {
        Response response = api.post("/events", null, batch);
        assertThat(response.toString(), response.status(), is(200));
        return response;
    }

    private static List<String> failures(Response response) {
        List<String> ids = new ArrayList<>();
        response.body().path("batchItemFailures").forEach(f -> ids.add(f.path("itemIdentifier").asText()));
        return ids;
    }

    private JsonNode notifications(User user) {
        Response response = api.get("/notifications", user.token());
        assertThat(response.toString(), response.status(), is(200));
        return response.body().path("items");
    }

    @Test
    void offlineRecipientGetsOnePushPerDeviceAndALogEntry() {
        User bob = userWith(Platform.APNS, Platform.FCM, Platform.WEB);
        assertThat(api.put("/settings", bob.token(), Map.of("previewMode", "full")).status(), is(200));
        var event = Events.messageSent("u-alice", "Alice", "Dinner at 8?", List.of(bob.id()), List.of());

        assertThat(failures(post(Events.sqsBatch(event))), is(empty()));

        List<String> apns = EmulatorPushes.messages(endpointOf(bob, bob.deviceIds().get(0)));
        List<String> fcm = EmulatorPushes.messages(endpointOf(bob, bob.deviceIds().get(1)));
        assertThat(apns, hasSize(1));
        assertThat(fcm, hasSize(1));
        JsonNode structure = Json.tree(apns.get(0).getBytes());
        JsonNode alert = Json.tree(structure.path("APNS").asText().getBytes()).path("aps").path("alert");
        assertThat(alert.path("title").asText(), is("Alice"));
        assertThat(alert.path("body").asText(), is("Dinner at 8?"));
        JsonNode fcmMessage = Json.tree(structure.path("GCM").asText().getBytes()).path("fcmV1Message").path("message");
        assertThat(fcmMessage.path("notification").path("body").asText(), is("Dinner at 8?"));

        JsonNode items = notifications(bob);
        assertThat(items.size(), is(1));
        JsonNode entry = items.get(0);
        assertThat(entry.path("title").asText(), is("Alice"));
        assertThat(entry.path("body").asText(), is("Dinner at 8?"));
        assertThat(entry.path("deviceCount").asInt(), is(3));
        assertThat(entry.path("conversationId").asText(), is(((Map<?, ?>) event.get("payload")).get("conversationId")));
        assertThat(entry.path("messageId").asText(), not(""));
        assertThat(entry.path("sentAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), is(true));
    }

    @Test
    void onlineRecipientGetsNothingAndAMissingPresenceFieldMeansOffline() {
        User online = userWith(Platform.APNS);
        User offline = userWith(Platform.APNS);

        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "Hi", List.of(online.id()), List.of(online.id()))));
        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "Hi", List.of(offline.id()), null)));

        assertThat(pushesTo(online, online.deviceIds().get(0)), is(0));
        assertThat(notifications(online).size(), is(0));
        assertThat(pushesTo(offline, offline.deviceIds().get(0)), is(1));
    }

    @Test
    void mutedConversationGetsNothingUntilTheMuteEnds() {
        User bob = userWith(Platform.FCM);
        String conversation = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String until = Instant.now().plus(Duration.ofHours(1)).toString();
        assertThat(api.put("/conversations/" + conversation + "/mute", bob.token(), Map.of("until", until)).status(), is(200));

        post(Events.sqsBatch(Events.messageSent(UUID.randomUUID().toString(), conversation, "u-alice", "Alice", "1",
                List.of(bob.id()), List.of())));
        assertThat(pushesTo(bob, bob.deviceIds().get(0)), is(0));

        fixture.clock.advance(Duration.ofHours(2));
        post(Events.sqsBatch(Events.messageSent(UUID.randomUUID().toString(), conversation, "u-alice", "Alice", "2",
                List.of(bob.id()), List.of())));
        assertThat(pushesTo(bob, bob.deviceIds().get(0)), is(1));
    }

    @Test
    void aDisabledAccountGetsNoPushesUntilEnabledAndALateEventDoesNotUndoANewerOne() {
        User bob = userWith(Platform.FCM);
        Instant disabledAt = Instant.now();
        assertThat(failures(post(Events.sqsBatch(accountEvent("user.disabled", bob, disabledAt)))), is(empty()));
        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "while disabled", List.of(bob.id()), List.of())));
        assertThat(pushesTo(bob, bob.deviceIds().get(0)), is(0));

        assertThat(failures(post(Events.sqsBatch(accountEvent("user.enabled", bob, disabledAt.plusSeconds(60))))),
                   is(empty()));
        // The disable delivered again, late: the newer enable stands.
        post(Events.sqsBatch(accountEvent("user.disabled", bob, disabledAt)));
        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "enabled again", List.of(bob.id()), List.of())));
        assertThat(pushesTo(bob, bob.deviceIds().get(0)), is(1));
    }

    @Test
    void aDeletedAccountsDevicesMutesAndHistoryAreErasedAndNothingComesBack() {
        User bob = userWith(Platform.FCM, Platform.WEB);
        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "before", List.of(bob.id()), List.of())));
        assertThat(notifications(bob).size(), is(1));
        assertThat(api.put("/conversations/c-" + UUID.randomUUID() + "/mute", bob.token(), Map.of()).status(), is(200));
        Map<String, Object> deleted = Map.of("eventId", UUID.randomUUID().toString(), "type", "user.deleted",
                "version", 1, "occurredAt", Instant.now().toString(), "payload", Map.of("userId", bob.id()));

        assertThat(failures(post(Events.sqsBatch(deleted, deleted))), is(empty()));

        var left = fixture.dynamo.query(b -> b.tableName(fixture.table.name()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.userPk(bob.id())))).consistentRead(true))
                .items();
        assertThat("only the mark that the account is gone stays", left.size(), is(1));
        assertThat(left.get(0).get("sk").s(), is(Keys.ACCOUNT_SK));
        assertThat(api.get("/devices", bob.token()).body().path("items").size(), is(0));
        // Their direct conversations stay in chat-service: a message naming them neither pushes nor logs again.
        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "after", List.of(bob.id()), List.of())));
        assertThat(notifications(bob).size(), is(0));
        post(Events.sqsBatch(accountEvent("user.enabled", bob, Instant.now().plusSeconds(60))));
        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "enabled?", List.of(bob.id()), List.of())));
        assertThat("a late user.enabled cannot bring a deleted account back", notifications(bob).size(), is(0));
    }

    private static Map<String, Object> accountEvent(String type, User user, Instant at) {
        return Map.of("eventId", UUID.randomUUID().toString(), "type", type, "version", 1,
                "occurredAt", at.toString(), "payload", Map.of("userId", user.id(), "actorId", "u-admin"));
    }

    @Test
    void aDuplicateEventPushesOnce() {
        User bob = userWith(Platform.APNS);
        var event = Events.messageSent("u-alice", "Alice", "Once", List.of(bob.id()), List.of());

        assertThat(failures(post(Events.sqsBatch(event, event))), is(empty()));
        assertThat(failures(post(Events.sqsBatch(event))), is(empty()));

        assertThat(pushesTo(bob, bob.deviceIds().get(0)), is(1));
        assertThat(notifications(bob).size(), is(1));
    }

    @Test
    void malformedRecordsFailAloneWhileTheRestOfTheBatchIsPushed() {
        User bob = userWith(Platform.APNS);
        var good = Events.messageSent("u-alice", "Alice", "Still here", List.of(bob.id()), List.of());
        var noRecipients = Events.messageSent("u-alice", "Alice", "x", List.of(bob.id()), List.of());
        ((Map<String, Object>) noRecipients.get("payload")).remove("recipients");
        Map<String, Object> notAnEnvelope = Map.of("hello", "world");

        Response response = post(Events.sqsBatch("not json {", good, noRecipients, notAnEnvelope));

        assertThat(failures(response), is(List.of("m-0", "m-2", "m-3")));
        assertThat(pushesTo(bob, bob.deviceIds().get(0)), is(1));
        assertThat(api.get("/observe/health", null).status(), is(200));
    }

    @Test
    void otherEventTypesAreIgnored() {
        User bob = userWith(Platform.APNS);
        // A message.sent in every respect but its type: had the type been ignored, Bob would be pushed.
        var edited = Events.messageSent("u-alice", "Alice", "Edited", List.of(bob.id()), List.of());
        edited.put("type", "message.edited");

        assertThat(failures(post(Events.sqsBatch(edited))), is(empty()));

        // The batch was handled when POST /events answered: nothing can be pushed for it later.
        assertThat(pushesTo(bob, bob.deviceIds().get(0)), is(0));
        assertThat(notifications(bob).size(), is(0));
    }

    /** Thrown by the push gateway to stand for the process dying: nothing in the service catches it. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    @Test
    void aBatchRedeliveredAfterACrashStillPushesExactlyOncePerDevice() {
        User bob = userWith(Platform.APNS, Platform.FCM);
        var event = Events.messageSent("u-alice", "Alice", "Crash test", List.of(bob.id()), List.of());
        AtomicInteger publishes = new AtomicInteger();
        MessageSentHandler crashing = fixture.services(gateway -> new PushGateway() {
            @Override
            public Optional<String> endpointFor(Platform platform, String token) {
                return gateway.endpointFor(platform, token);
            }

            @Override
            public boolean publish(String endpointArn, String snsMessage, String collapseId) {
                if (publishes.incrementAndGet() == 2) {
                    throw new SimulatedCrash();
                }
                return gateway.publish(endpointArn, snsMessage, collapseId);
            }

            @Override
            public void deleteEndpoint(String endpointArn) {
                gateway.deleteEndpoint(endpointArn);
            }
        }).messageSent();

        var record = new SqsBatch.Record("m-0", Json.write(event));
        assertThrows(SimulatedCrash.class, () -> crashing.handle(List.of(record)));
        int first = pushesTo(bob, bob.deviceIds().get(0));
        int second = pushesTo(bob, bob.deviceIds().get(1));
        assertThat(first + second, is(1));

        // Within the dead attempt's lease a redelivery is told to come back later ...
        assertThat(failures(post(Events.sqsBatch(event))), is(List.of("m-0")));
        // ... and after it (SQS redelivers only after the 180 s visibility timeout) it resumes.
        fixture.clock.advance(Duration.ofMinutes(2));
        assertThat(failures(post(Events.sqsBatch(event))), is(empty()));
        assertThat(failures(post(Events.sqsBatch(event))), is(empty()));

        assertThat(pushesTo(bob, bob.deviceIds().get(0)), is(1));
        assertThat(pushesTo(bob, bob.deviceIds().get(1)), is(1));
        JsonNode items = notifications(bob);
        assertThat(items.size(), is(1));
        assertThat(items.get(0).path("deviceCount").asInt(), is(2));
    }

    @Test
    void aDisabledEndpointRemovesItsDevice() {
        User bob = userWith(Platform.APNS, Platform.FCM);
        String disabled = endpointOf(bob, bob.deviceIds().get(0));
        fixture.sns.setEndpointAttributes(b -> b.endpointArn(disabled).attributes(Map.of("Enabled", "false")));

        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "Anyone?", List.of(bob.id()), List.of())));

        JsonNode devices = api.get("/devices", bob.token()).body().path("items");
        assertThat(devices.size(), is(1));
        assertThat(devices.get(0).path("deviceId").asText(), is(bob.deviceIds().get(1)));
        assertThat(pushesTo(bob, bob.deviceIds().get(1)), is(1));
        assertThat(notifications(bob).get(0).path("deviceCount").asInt(), is(1));
    }

    @Test
    void pushFiguresCountSentAndFailedPushesOnceForAdminsOnly() {
        // Other tests move the service's clock by hours; a scoped token lives 15 minutes: back to real time here.
        Duration offset = Duration.between(Instant.now(), fixture.clock.instant());
        fixture.clock.advance(offset.negated());
        try {
            countsPushesForAdminsOnly();
        } finally {
            fixture.clock.advance(offset);
        }
    }

    private void countsPushesForAdminsOnly() {
        String admin = fixture.identity.tokenWithScope(TestIssuer.newUser(), "user admin");
        JsonNode before = api.get("/admin/pushes/stats", admin).body();
        User bob = userWith(Platform.APNS, Platform.FCM);
        fixture.sns.setEndpointAttributes(b -> b.endpointArn(endpointOf(bob, bob.deviceIds().get(0)))
                .attributes(Map.of("Enabled", "false")));
        var event = Events.messageSent("u-alice", "Alice", "Counted?", List.of(bob.id()), List.of());
        post(Events.sqsBatch(event));
        post(Events.sqsBatch(event));

        Response after = api.get("/admin/pushes/stats", admin);
        assertThat(after.toString(), after.status(), is(200));
        assertThat(after.body().path("sent24h").asLong(), is(before.path("sent24h").asLong() + 1));
        assertThat(after.body().path("failed24h").asLong(), is(before.path("failed24h").asLong() + 1));
        Response normal = api.get("/admin/pushes/stats", fixture.identity.tokenWithScope(bob.id(), "user"));
        assertThat(normal.status(), is(403));
        assertThat(normal.errorCode(), is("forbidden"));
        assertThat(api.get("/admin/pushes/stats", bob.token()).status(), is(403));
    }

    @Test
    void byDefaultAPushNamesTheSenderAndCarriesNoMessageText() {
        User bob = userWith(Platform.APNS, Platform.FCM);

        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "The secret plan", List.of(bob.id()), List.of())));

        for (String deviceId : bob.deviceIds()) {
            List<String> pushed = EmulatorPushes.messages(endpointOf(bob, deviceId));
            assertThat(pushed, hasSize(1));
            assertThat(pushed.get(0), not(containsString("secret")));
            assertThat(pushed.get(0), containsString("Alice"));
            assertThat(pushed.get(0), containsString("New message"));
        }
        JsonNode entry = notifications(bob).get(0);
        assertThat(entry.path("title").asText(), is("Alice"));
        assertThat(entry.path("body").asText(), is("New message"));
    }

    @Test
    void hiddenPreviewsShowOnlyNewMessage() {
        User bob = userWith(Platform.APNS);
        assertThat(api.put("/settings", bob.token(), Map.of("previewMode", "hidden")).status(), is(200));

        post(Events.sqsBatch(Events.messageSent("u-alice", "Alice", "The secret plan", List.of(bob.id()), List.of())));

        String pushed = EmulatorPushes.messages(endpointOf(bob, bob.deviceIds().get(0))).get(0);
        assertThat(pushed, not(containsString("secret")));
        assertThat(pushed, not(containsString("Alice")));
        assertThat(pushed, containsString("New message"));
        JsonNode entry = notifications(bob).get(0);
        assertThat(entry.path("body").asText(), is("New message"));
        assertThat(entry.path("title").isNull(), is(true));
    }

    @Test
    void theSenderIsNeverNotified() {
        User alice = userWith(Platform.APNS);
        post(Events.sqsBatch(Events.messageSent(alice.id(), "Alice", "Note to self", List.of(alice.id()), List.of())));
        assertThat(pushesTo(alice, alice.deviceIds().get(0)), is(0));
        assertThat(notifications(alice).size(), is(0));
    }
}
