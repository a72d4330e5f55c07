package io.wechat.notification.notifications;

import io.wechat.notification.storage.Keys;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** A log entry as stored in the table and read back. */
class NotificationTest {
    @Test
    void anEntryIsStoredUnderItsUserAndTimeAndReadBackWhole() {
        var notification = new Notification("e-1", "Alice", "Dinner at 8?", "c-1", "m-1", "2026-12-01T10:00:00.000Z", 2);
        var item = notification.toItem("u-1", 1_800_000_000L);
        assertThat(item.get("pk").s(), is(Keys.userPk("u-1")));
        assertThat(item.get("sk").s(), is(Keys.notificationSk("2026-12-01T10:00:00.000Z", "e-1")));
        assertThat("expires through the table's TTL attribute", item.get("expires_at").n(), is("1800000000"));
        assertThat(Notification.fromItem(item), is(notification));
    }

    @Test
    void anEntryWithAHiddenPreviewHasNoTitle() {
        var hidden = new Notification("e-2", null, "New message", "c-1", "m-2", "2026-12-01T10:00:01.000Z", 1);
        var item = hidden.toItem("u-1", 1_800_000_000L);
        assertThat(item.containsKey("title"), is(false));
        assertThat(Notification.fromItem(item).title(), is(nullValue()));
        assertThat(Notification.fromItem(item), is(hidden));
    }
}
