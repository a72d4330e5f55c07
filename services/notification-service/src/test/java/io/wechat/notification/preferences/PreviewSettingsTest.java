package io.wechat.notification.preferences;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PreviewSettingsTest {
    @Test
    void noMessageTextLeavesForAPushServiceUnlessTheUserChoseIt() {
        assertThat(PreviewMode.DEFAULT, is(PreviewMode.SENDER));
    }

    @Test
    void previewModesAreKnownByTheirWireNames() {
        for (PreviewMode mode : PreviewMode.values()) {
            assertThat(PreviewMode.of(mode.wire()).orElseThrow(), is(mode));
            assertThat(new PreferenceRequestBodies.UpdateSettings(mode.wire()).mode(), is(mode));
        }
        assertThat(PreviewMode.FULL.wire(), is("full"));
        assertThat(PreviewMode.of("FULL").isPresent(), is(false));
    }

    @Test
    void anUnknownPreviewModeIsRefused() {
        for (String mode : new String[] {null, "", "all", "Hidden"}) {
            ApiException e = assertThrows(ApiException.class, () -> new PreferenceRequestBodies.UpdateSettings(mode));
            assertThat(e.code(), is("invalid_preview_mode"));
            assertThat(e.status().code(), is(400));
        }
    }
}
