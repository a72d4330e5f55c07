package io.wechat.notification.notifications;

import io.wechat.notification.preferences.PreviewMode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

class NotificationContentTest {

    @Test
    void directMessagesShowTheSenderOverThePreview() {
        var content = NotificationContent.of("direct", null, "Alice", "Dinner at 8?", PreviewMode.FULL);
        assertThat(content.title(), is("Alice"));
        assertThat(content.body(), is("Dinner at 8?"));
    }

    @Test
    void groupMessagesShowTheGroupOverSenderAndPreview() {
        var content = NotificationContent.of("group", "Climbing", "Alice", "Saturday?", PreviewMode.FULL);
        assertThat(content.title(), is("Climbing"));
        assertThat(content.body(), is("Alice: Saturday?"));
    }

    @Test
    void anUntitledGroupFallsBackToTheSender() {
        var content = NotificationContent.of("group", " ", "Alice", "Saturday?", PreviewMode.FULL);
        assertThat(content.title(), is("Alice"));
    }

    @Test
    void aMissingPreviewReadsNewMessage() {
        assertThat(NotificationContent.of("direct", null, "Alice", null, PreviewMode.FULL).body(), is("New message"));
        assertThat(NotificationContent.of("group", "G", "Alice", "", PreviewMode.FULL).body(), is("New message"));
    }

    @Test
    void byDefaultPushesNameTheSenderButCarryNoText() {
        var direct = NotificationContent.of("direct", null, "Alice", "Dinner at 8?", PreviewMode.DEFAULT);
        assertThat(direct.title(), is("Alice"));
        assertThat(direct.body(), is("New message"));
        var group = NotificationContent.of("group", "Climbing", "Alice", "Saturday?", PreviewMode.DEFAULT);
        assertThat(group.title(), is("Climbing"));
        assertThat(group.body(), is("Alice: New message"));
    }

    @Test
    void hiddenPreviewsShowNeitherSenderNorText() {
        var content = NotificationContent.of("group", "Climbing", "Alice", "Saturday?", PreviewMode.HIDDEN);
        assertThat(content.title(), is(nullValue()));
        assertThat(content.body(), is("New message"));
    }

    @Test
    void longTitlesAreShortened() {
        var content = NotificationContent.of("direct", null, "A".repeat(300), "hi", PreviewMode.FULL);
        assertThat(content.title().length(), is(NotificationContent.MAX_TITLE_LENGTH));
        assertThat(content.title().endsWith("…"), is(true));
    }

    @Test
    void aTitleOfExactlyTheLimitIsKeptWhole() {
        String name = "\uD83D\uDE00".repeat(NotificationContent.MAX_TITLE_LENGTH);
        assertThat(NotificationContent.of("direct", null, name, "hi", PreviewMode.FULL).title(), is(name));
        String longer = name + "B";
        String shortened = NotificationContent.of("direct", null, longer, "hi", PreviewMode.FULL).title();
        assertThat("counted in code points, not UTF-16 units", shortened.codePointCount(0, shortened.length()),
                   is(NotificationContent.MAX_TITLE_LENGTH));
        assertThat(shortened, is("\uD83D\uDE00".repeat(NotificationContent.MAX_TITLE_LENGTH - 1) + "…"));
    }
}
