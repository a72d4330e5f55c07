package io.wechat.notification.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.wechat.notification.preferences.Mute;
import io.wechat.notification.preferences.PreviewMode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** A recipient's mutes as the push decision reads them. */
class RecipientStatesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aConversationIsMutedOnlyWhileItsMuteLasts() {
        var state = new RecipientStates.State(List.of(), false, PreviewMode.DEFAULT, Map.of(
                "c-forever", new Mute("c-forever", Optional.empty()),
                "c-later", new Mute("c-later", Optional.of(NOW.plusSeconds(60))),
                "c-over", new Mute("c-over", Optional.of(NOW.minusSeconds(60)))));
        assertThat(state.muted("c-forever", NOW), is(true));
        assertThat(state.muted("c-later", NOW), is(true));
        assertThat(state.muted("c-over", NOW), is(false));
        assertThat("no mute at all", state.muted("c-other", NOW), is(false));
    }
}
