package io.wechat.notification.devices;

import java.util.Map;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceTest {
    private static final String ENDPOINT = "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/wechat-local-fcm/e-1";
    private static final Device FCM = new Device("d-1", "u-1", Platform.FCM, "token-1", ENDPOINT, "2026-12-01T10:00:00.000Z");

    @Test
    void aDeviceSurvivesTheTripThroughItsItem() {
        Map<String, AttributeValue> item = FCM.toItem();
        assertThat(item.get("pk").s(), is("USER#u-1"));
        assertThat(item.get("sk").s(), is("DEVICE#d-1"));
        assertThat(item.get("platform").s(), is("fcm"));
        assertThat(Device.fromItem(item), is(FCM));
    }

    @Test
    void aDeviceWithoutEndpointStoresNone() {
        Device web = new Device("d-2", "u-1", Platform.WEB, "https://push.example/sub", null, "2026-12-01T10:00:00.000Z");
        assertThat(web.toItem(), not(hasKey("endpoint_arn")));
        assertThat(Device.fromItem(web.toItem()), is(web));
        assertThat(web.withEndpoint(ENDPOINT).endpointArn(), is(ENDPOINT));
        assertThat(web.withEndpoint(ENDPOINT).token(), is(web.token()));
    }

    @Test
    void theOwnersViewNeverShowsTheEndpoint() {
        assertThat(FCM.view(), is(new Device.View("d-1", "fcm", "token-1", "2026-12-01T10:00:00.000Z")));
    }

    @Test
    void aDeviceNeedsItsIdsPlatformAndToken() {
        assertThrows(NullPointerException.class, () -> new Device(null, "u-1", Platform.FCM, "t", null, "now"));
        assertThrows(NullPointerException.class, () -> new Device("d-1", null, Platform.FCM, "t", null, "now"));
        assertThrows(NullPointerException.class, () -> new Device("d-1", "u-1", null, "t", null, "now"));
        assertThrows(NullPointerException.class, () -> new Device("d-1", "u-1", Platform.FCM, null, null, "now"));
    }

    @Test
    void platformsAreKnownByTheirWireNamesOnly() {
        assertThat(Platform.of("apns").orElseThrow(), is(Platform.APNS));
        assertThat(Platform.of("fcm").orElseThrow(), is(Platform.FCM));
        assertThat(Platform.of("web").orElseThrow(), is(Platform.WEB));
        assertThat(Platform.of("APNS").isPresent(), is(false));
        assertThat(Platform.of(null).isPresent(), is(false));
    }

    @Test
    void registrationTakesAKnownPlatformAndAToken() {
        var body = new DeviceRequestBodies.RegisterDevice("apns", "a".repeat(DeviceRequestBodies.MAX_TOKEN_LENGTH));
        assertThat(body.platformValue(), is(Platform.APNS));
        assertThat(refused(() -> new DeviceRequestBodies.RegisterDevice(null, "t")), is("invalid_platform"));
        assertThat(refused(() -> new DeviceRequestBodies.RegisterDevice("gcm", "t")), is("invalid_platform"));
    }

    @Test
    void registrationRefusesTokensThatNoPushServiceIssues() {
        for (String token : new String[] {null, "", "   ", "a".repeat(DeviceRequestBodies.MAX_TOKEN_LENGTH + 1),
                "with space", "tab\there", "bell\u0007"}) {
            assertThat(token, refused(() -> new DeviceRequestBodies.RegisterDevice("fcm", token)), is("invalid_token"));
        }
    }

    private static String refused(Runnable construction) {
        ApiException e = assertThrows(ApiException.class, construction::run);
        assertThat(e.status().code(), is(400));
        return e.code();
    }
}
