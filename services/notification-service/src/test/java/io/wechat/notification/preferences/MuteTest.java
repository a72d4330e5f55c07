package io.wechat.notification.preferences;

import java.time.Instant;
import java.util.Optional;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class MuteTest {
    private static final Instant NOW = Instant.parse("2026-11-26T21:00:00Z");

    @Test
    void aMuteWithoutEndIsForever() {
        assertThat(new Mute("c-1", Optional.empty()).activeAt(NOW.plusSeconds(10L * 365 * 86_400)), is(true));
    }

    @Test
    void aTimedMuteEndsAtItsTime() {
        Mute mute = new Mute("c-1", Optional.of(NOW));
        assertThat(mute.activeAt(NOW.minusMillis(1)), is(true));
        assertThat(mute.activeAt(NOW), is(false));
        assertThat(mute.activeAt(NOW.plusSeconds(60)), is(false));
    }

    @Test
    void muteRequestsAcceptOnlyIsoTimes() {
        assertThat(new PreferenceRequestBodies.MuteConversation(null).untilInstant().isPresent(), is(false));
        assertThat(new PreferenceRequestBodies.MuteConversation("2026-11-26T21:00:00.000Z").untilInstant().orElseThrow(), is(NOW));
        try {
            new PreferenceRequestBodies.MuteConversation("next week");
            throw new AssertionError("expected a 400");
        } catch (ApiException e) {
            assertThat(e.code(), is("invalid_until"));
        }
    }
}
