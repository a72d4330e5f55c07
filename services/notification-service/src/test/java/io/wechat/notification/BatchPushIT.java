package io.wechat.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.Api.Response;
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
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * A batch of message.sent events handled as a batch, against the emulator: a failure fails exactly the events it
 * concerns, whose redelivery pushes only the devices that were not pushed, and devices registered before the devices
 * summary existed are still pushed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchPushIT {
    private NotificationServiceFixture fixture;

    @BeforeAll
    void start() {
        fixture = new NotificationServiceFixture();
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private record User(String id, String token, String deviceId) {
    }

    private User userWithApnsDevice() {
        String id = TestIssuer.newUser();
        String token = fixture.identity.token(id, TestIssuer.ISSUER, TestIssuer.AUDIENCE,
                Instant.now().plus(Duration.ofDays(1)));
        Response registered = fixture.api.post("/devices", token, Map.of("platform", "apns",
                "token", "tok-" + UUID.randomUUID().toString().replace("-", "")));
        assertThat(registered.toString(), registered.status(), is(201));
        return new User(id, token, registered.body().path("deviceId").asText());
    }

    private String endpointOf(User user) {
        return fixture.dynamo.getItem(b -> b.tableName(fixture.table.name())
                .key(Keys.item(Keys.userPk(user.id()), Keys.deviceSk(user.deviceId())))).item().get("endpoint_arn").s();
    }

    private int pushesTo(User user) {
        return EmulatorPushes.messages(endpointOf(user)).size();
    }

    private int logEntries(User user) {
        return fixture.api.get("/notifications", user.token()).body().path("items").size();
    }

    /** The service with SNS refusing every publish to these endpoints, as an outage of one endpoint's shard would. */
    private MessageSentHandler failingFor(Set<String> endpoints) {
        return fixture.services(gateway -> new PushGateway() {
            @Override
            public Optional<String> endpointFor(Platform platform, String token) {
                return gateway.endpointFor(platform, token);
            }

            @Override
            public boolean publish(String endpointArn, String snsMessage, String collapseId) {
                if (endpoints.contains(endpointArn)) {
                    throw SdkClientException.create("SNS unavailable for " + endpointArn);
                }
                return gateway.publish(endpointArn, snsMessage, collapseId);
            }

            @Override
            public void deleteEndpoint(String endpointArn) {
                gateway.deleteEndpoint(endpointArn);
            }
        }).messageSent();
    }

    private static List<SqsBatch.Record> records(List<Map<String, Object>> events) {
        List<SqsBatch.Record> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(new SqsBatch.Record("m-" + i, Json.write(events.get(i))));
        }
        return records;
    }

    private static List<String> failures(SqsBatch.Response response) {
        return response.batchItemFailures().stream().map(f -> f.get("itemIdentifier")).toList();
    }

    @Test
    void aFailedPublishFailsOnlyItsEventAndTheRedeliveryPushesEachDeviceOnce() {
        User ann = userWithApnsDevice();
        User ben = userWithApnsDevice();
        User cat = userWithApnsDevice();
        User dan = userWithApnsDevice();
        // m-1 goes to Ben alone; m-2 is a group message to Cat and Dan, of which Dan's publish fails.
        List<Map<String, Object>> events = List.of(
                Events.messageSent("u-zed", "Zed", "to Ann", List.of(ann.id()), List.of()),
                Events.messageSent("u-zed", "Zed", "to Ben", List.of(ben.id()), List.of()),
                Events.messageSent("u-zed", "Zed", "to Cat and Dan", List.of(cat.id(), dan.id()), List.of()),
                Events.messageSent("u-zed", "Zed", "to Ann again", List.of(ann.id()), List.of()));

        var first = failingFor(Set.of(endpointOf(ben), endpointOf(dan))).handle(records(events));

        assertThat(failures(first), is(List.of("m-1", "m-2")));
        assertThat(pushesTo(ann), is(2));
        assertThat(logEntries(ann), is(2));
        assertThat(pushesTo(ben), is(0));
        assertThat(pushesTo(cat), is(1));
        assertThat(pushesTo(dan), is(0));
        assertThat(logEntries(cat), is(0));

        // SQS redelivers the whole batch's failed records; a healthy attempt right away (the failed ones gave their
        // lease up) pushes what is missing and nothing twice.
        var second = fixture.services.messageSent().handle(records(events));

        assertThat(failures(second), is(empty()));
        assertThat(pushesTo(ann), is(2));
        assertThat(pushesTo(ben), is(1));
        assertThat(pushesTo(cat), is(1));
        assertThat(pushesTo(dan), is(1));
        assertThat(logEntries(ann), is(2));
        assertThat(logEntries(ben), is(1));
        assertThat(logEntries(cat), is(1));
        assertThat(logEntries(dan), is(1));
    }

    @Test
    void aBatchOfManyEventsPushesEachRecipientOnceAndADuplicateInTheBatchOnce() {
        List<User> users = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add(userWithApnsDevice());
            events.add(Events.messageSent("u-zed", "Zed", "hello " + i, List.of(users.get(i).id()), List.of()));
        }
        events.add(events.get(0));

        assertThat(failures(fixture.services.messageSent().handle(records(events))), is(empty()));
        assertThat(failures(fixture.services.messageSent().handle(records(events))), is(empty()));

        for (User user : users) {
            assertThat(pushesTo(user), is(1));
            assertThat(logEntries(user), is(1));
        }
    }

    @Test
    void aDeviceRegisteredBeforeTheDevicesSummaryIsPushedAndSummarised() {
        User eve = userWithApnsDevice();
        String endpoint = endpointOf(eve);
        String table = fixture.table.name();
        Map<String, AttributeValue> summaryKey = Keys.item(Keys.userPk(eve.id()), Keys.DEVICES_SK);
        fixture.dynamo.deleteItem(b -> b.tableName(table).key(summaryKey));

        var response = fixture.services.messageSent().handle(records(List.of(
                Events.messageSent("u-zed", "Zed", "still reached", List.of(eve.id()), List.of()))));

        assertThat(failures(response), is(empty()));
        assertThat(EmulatorPushes.messages(endpoint).size(), is(1));
        var summary = fixture.dynamo.getItem(b -> b.tableName(table).key(summaryKey).consistentRead(true)).item();
        assertThat(summary.get(eve.deviceId()).m().get("endpoint_arn").s(), is(endpoint));
    }

    @Test
    void aRemovedDeviceLeavesTheSummaryAndIsNotPushed() {
        User fay = userWithApnsDevice();
        assertThat(fixture.api.delete("/devices/" + fay.deviceId(), fay.token()).status(), is(204));

        var response = fixture.services.messageSent().handle(records(List.of(
                Events.messageSent("u-zed", "Zed", "gone", List.of(fay.id()), List.of()))));

        assertThat(failures(response), is(empty()));
        assertThat(logEntries(fay), is(0));
        var summary = fixture.dynamo.getItem(b -> b.tableName(fixture.table.name()).consistentRead(true)
                .key(Keys.item(Keys.userPk(fay.id()), Keys.DEVICES_SK))).item();
        assertThat(summary.containsKey(fay.deviceId()), is(false));
    }
}
