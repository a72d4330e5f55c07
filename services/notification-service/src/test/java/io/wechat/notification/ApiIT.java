package io.wechat.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.helidon.webserver.WebServer;
import io.wechat.kit.testing.Api.Response;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.DynamoDbThrottling;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.Json;
import io.wechat.notification.devices.DeviceStore;
import io.wechat.notification.support.Events;
import io.wechat.notification.support.NotificationServiceFixture;
import io.wechat.notification.support.RecordingPushGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** Devices, mutes, settings, the notification log and the error contract of docs/api.md. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
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

    private String tokenOfNewUser() {
        return fixture.identity.token(TestIssuer.newUser());
    }

    @Test
    void devicesAreRegisteredOncePerPlatformAndTokenListedAndRemoved() {
        String token = tokenOfNewUser();
        Map<String, String> device = Map.of("platform", "apns", "token", "a1b2c3" + UUID.randomUUID().toString().replace("-", ""));

        Response first = api.post("/devices", token, device);
        Response again = api.post("/devices", token, device);
        Response web = api.post("/devices", token, Map.of("platform", "web", "token", "web-" + UUID.randomUUID()));

        assertThat(first.toString(), first.status(), is(201));
        assertThat(first.body().path("platform").asText(), is("apns"));
        assertThat(first.body().has("endpointArn"), is(false));
        assertThat(again.status(), is(200));
        assertThat(again.body().path("deviceId").asText(), is(first.body().path("deviceId").asText()));
        assertThat(web.status(), is(201));
        Response list = api.get("/devices", token);
        assertThat(list.body().path("items").size(), is(2));
        assertThat(list.body().path("nextCursor").isNull(), is(true));

        String id = first.body().path("deviceId").asText();
        assertThat(api.delete("/devices/" + id, token).status(), is(204));
        Response gone = api.delete("/devices/" + id, token);
        assertThat(gone.status(), is(404));
        assertThat(gone.errorCode(), is("device_not_found"));
        assertThat(api.get("/devices", token).body().path("items").size(), is(1));
    }

    @Test
    void aUserHasAtMostTwentyDevices() {
        String token = tokenOfNewUser();
        for (int i = 0; i < DeviceStore.MAX_DEVICES_PER_USER; i++) {
            Response registered = api.post("/devices", token, Map.of("platform", "web", "token", "web-" + i + "-" + UUID.randomUUID()));
            assertThat(registered.toString(), registered.status(), is(201));
        }

        Response oneTooMany = api.post("/devices", token, Map.of("platform", "fcm", "token", "f-" + UUID.randomUUID()));

        assertThat(oneTooMany.toString(), oneTooMany.status(), is(409));
        assertThat(oneTooMany.errorCode(), is("too_many_devices"));
        assertThat(api.get("/devices", token).body().path("items").size(), is(DeviceStore.MAX_DEVICES_PER_USER));
        String first = api.get("/devices", token).body().path("items").get(0).path("deviceId").asText();
        assertThat(api.delete("/devices/" + first, token).status(), is(204));
        assertThat("after removing one, there is room again",
                api.post("/devices", token, Map.of("platform", "fcm", "token", "f-" + UUID.randomUUID())).status(), is(201));
    }

    @Test
    void aDynamoDbThrottleIs429WithRetryAfter() throws Exception {
        Main.Services throttled = Main.services(fixture.settings, DynamoDbThrottling.client(),
                new RecordingPushGateway(), fixture.clock);
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .update(builder -> Main.server(builder, throttled)).build().start();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/devices"))
                    .header("Authorization", "Bearer " + tokenOfNewUser()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body(), response.statusCode(), is(429));
            assertThat(response.headers().firstValue("Retry-After").orElse(""), is("1"));
            assertThat(Json.tree(response.body().getBytes()).path("error").path("code").asText(), is("throttled"));
        } finally {
            server.stop();
        }
    }

    @Test
    void aDeviceOfAnotherUserCannotBeRemoved() {
        String owner = tokenOfNewUser();
        String id = api.post("/devices", owner, Map.of("platform", "fcm", "token", "f-" + UUID.randomUUID()))
                .body().path("deviceId").asText();
        assertThat(api.delete("/devices/" + id, tokenOfNewUser()).status(), is(404));
        assertThat(api.get("/devices", owner).body().path("items").size(), is(1));
    }

    @Test
    void aTokenRegisteredByAnotherUserLeavesThePreviousOwner() {
        String pushToken = "shared-" + UUID.randomUUID();
        String previous = tokenOfNewUser();
        String next = tokenOfNewUser();
        api.post("/devices", previous, Map.of("platform", "fcm", "token", pushToken));
        assertThat(api.post("/devices", next, Map.of("platform", "fcm", "token", pushToken)).status(), is(201));
        assertThat(api.get("/devices", previous).body().path("items").size(), is(0));
        assertThat(api.get("/devices", next).body().path("items").size(), is(1));
    }

    @Test
    void invalidDeviceRequestsAre400() {
        String token = tokenOfNewUser();
        assertThat(api.post("/devices", token, Map.of("platform", "symbian", "token", "x")).errorCode(), is("invalid_platform"));
        assertThat(api.post("/devices", token, Map.of("platform", "apns", "token", " ")).errorCode(), is("invalid_token"));
        assertThat(api.post("/devices", token, Map.of("platform", "apns")).errorCode(), is("invalid_token"));
        Response malformed = api.raw("POST", "/devices", token, "{\"platform\":");
        assertThat(malformed.status(), is(400));
        assertThat(malformed.errorCode(), is("invalid_json"));
        assertThat(api.post("/devices", token, Map.of("platform", 7, "token", "x")).status(), is(400));
    }

    @Test
    void everyRouteNeedsAValidToken() {
        for (String[] route : new String[][] {{"GET", "/devices"}, {"POST", "/devices"}, {"DELETE", "/devices/d-1"},
                {"PUT", "/conversations/c-1/mute"}, {"DELETE", "/conversations/c-1/mute"}, {"GET", "/notifications"},
                {"GET", "/settings"}, {"PUT", "/settings"}}) {
            Response anonymous = api.raw(route[0], route[1], null, null);
            assertThat(route[1] + " " + anonymous, anonymous.status(), is(401));
            assertThat(anonymous.errorCode(), is("unauthorized"));
        }
        String expired = fixture.identity.token("u-1", TestIssuer.ISSUER, TestIssuer.AUDIENCE, Instant.now().minusSeconds(300));
        assertThat(api.get("/devices", expired).status(), is(401));
        assertThat(api.get("/devices", "not.a.jwt").status(), is(401));
    }

    @Test
    void mutesAreForeverOrUntilATimeAndCanBeLifted() {
        String token = tokenOfNewUser();
        Response forever = api.raw("PUT", "/conversations/c-7/mute", token, null);
        assertThat(forever.toString(), forever.status(), is(200));
        assertThat(forever.body().path("mutedUntil").isNull(), is(true));
        assertThat(api.get("/conversations/c-7/mute", token).body().path("muted").asBoolean(), is(true));

        String until = "2099-01-01T00:00:00.000Z";
        Response timed = api.put("/conversations/c-7/mute", token, Map.of("until", until));
        assertThat(timed.body().path("mutedUntil").asText(), is(until));

        assertThat(api.delete("/conversations/c-7/mute", token).status(), is(204));
        assertThat(api.get("/conversations/c-7/mute", token).body().path("muted").asBoolean(), is(false));
        assertThat(api.delete("/conversations/c-7/mute", token).status(), is(204));

        assertThat(api.put("/conversations/c-7/mute", token, Map.of("until", "tomorrow")).errorCode(), is("invalid_until"));
        assertThat(api.put("/conversations/c-7/mute", token, Map.of("until", "2001-01-01T00:00:00Z")).errorCode(), is("invalid_until"));
        assertThat(api.put("/conversations/bad%23id/mute", token, Map.of()).status(), is(400));
    }

    @Test
    void previewSettingDefaultsToSenderOnlyAndRejectsUnknownModes() {
        String token = tokenOfNewUser();
        assertThat(api.get("/settings", token).body().path("previewMode").asText(), is("sender"));
        assertThat(api.put("/settings", token, Map.of("previewMode", "hidden")).status(), is(200));
        assertThat(api.get("/settings", token).body().path("previewMode").asText(), is("hidden"));
        assertThat(api.put("/settings", token, Map.of("previewMode", "full")).status(), is(200));
        assertThat(api.get("/settings", token).body().path("previewMode").asText(), is("full"));
        assertThat(api.put("/settings", token, Map.of("previewMode", "some")).errorCode(), is("invalid_preview_mode"));
        assertThat(api.put("/settings", token, Map.of()).errorCode(), is("invalid_preview_mode"));
    }

    @Test
    void notificationsPageNewestFirst() {
        String bob = TestIssuer.newUser();
        String token = fixture.identity.token(bob);
        api.post("/devices", token, Map.of("platform", "web", "token", "web-" + UUID.randomUUID()));
        api.put("/settings", token, Map.of("previewMode", "full"));
        for (int i = 1; i <= 3; i++) {
            Response response = api.post("/events", null, Events.sqsBatch(
                    Events.messageSent("u-alice", "Alice", "message " + i, List.of(bob), List.of())));
            assertThat(response.body().path("batchItemFailures").size(), is(0));
            sleepOneMillisecond();
        }

        Response first = api.get("/notifications?limit=2", token);
        assertThat(first.body().path("items").size(), is(2));
        assertThat(first.body().path("items").get(0).path("body").asText(), is("message 3"));
        String cursor = first.body().path("nextCursor").asText();
        Response second = api.get("/notifications?limit=2&cursor=" + cursor, token);
        assertThat(second.body().path("items").size(), is(1));
        assertThat(second.body().path("items").get(0).path("body").asText(), is("message 1"));
        assertThat(second.body().path("nextCursor").isNull(), is(true));

        Set<String> ids = new HashSet<>();
        first.body().path("items").forEach(n -> ids.add(n.path("notificationId").asText()));
        second.body().path("items").forEach(n -> ids.add(n.path("notificationId").asText()));
        assertThat(ids.size(), is(3));
        assertThat(api.get("/notifications", tokenOfNewUser()).body().path("items").size(), is(0));

        assertThat(api.get("/notifications?limit=0", token).errorCode(), is("invalid_limit"));
        assertThat(api.get("/notifications?limit=abc", token).errorCode(), is("invalid_limit"));
        assertThat(api.get("/notifications?cursor=garbage", token).errorCode(), is("invalid_cursor"));
    }

    @Test
    void errorsAndHealthFollowTheContract() {
        String token = tokenOfNewUser();
        Response tooLarge = api.raw("POST", "/devices", token, "{\"token\":\"" + "x".repeat(1_100_000) + "\"}");
        assertThat(tooLarge.status(), is(413));
        assertThat(tooLarge.errorCode(), is("payload_too_large"));
        Response unknown = api.get("/nope", token);
        assertThat(unknown.status(), is(404));
        assertThat(unknown.errorCode(), not(is((String) null)));
        assertThat(api.raw("POST", "/events", null, "{\"no\":\"records\"}").errorCode(), is("invalid_event"));
        assertThat(api.raw("POST", "/events", null, "][").status(), is(400));

        Response health = api.get("/observe/health", null);
        assertThat(health.toString(), health.status(), is(200));
        assertThat(health.body().path("status").asText(), is("UP"));
        assertThat(api.raw("GET", "/observe/metrics", null, null).status(), is(200));
    }

    private static void sleepOneMillisecond() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
