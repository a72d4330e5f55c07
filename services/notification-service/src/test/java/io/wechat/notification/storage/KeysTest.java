package io.wechat.notification.storage;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class KeysTest {
    @Test
    void idsAreShortAndCannotForgeAKeySeparator() {
        assertThat(Keys.isValidId("u-1_a.b:c"), is(true));
        assertThat(Keys.isValidId("x".repeat(128)), is(true));
        assertThat(Keys.isValidId("x".repeat(129)), is(false));
        assertThat(Keys.isValidId(""), is(false));
        assertThat(Keys.isValidId(null), is(false));
        assertThat(Keys.isValidId("u#1"), is(false));
        assertThat(Keys.isValidId("u 1"), is(false));
    }

    @Test
    void keysFollowTheDataModel() {
        assertThat(Keys.userPk("u-1"), is("USER#u-1"));
        assertThat(Keys.deviceSk("d-1"), is("DEVICE#d-1"));
        assertThat(Keys.muteSk("c-1"), is("MUTE#c-1"));
        assertThat(Keys.notificationSk("2026-12-01T10:00:00.000Z", "e-1"), is("NOTIF#2026-12-01T10:00:00.000Z#e-1"));
        assertThat(Keys.tokenPk("fcm", "abc"), is("TOKEN#fcm#abc"));
        assertThat(Keys.eventPk("e-1"), is("EVENT#e-1"));
        assertThat(Keys.pushSk("u-1", "d-1"), is("PUSH#u-1#d-1"));
        assertThat(Keys.item("USER#u-1", Keys.SETTINGS_SK).get("sk").s(), is("SETTINGS"));
        assertThat(Keys.item("USER#u-1", Keys.SETTINGS_SK).get("pk").s(), is("USER#u-1"));
    }
}
