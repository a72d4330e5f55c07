package io.wechat.user.auth;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class DeviceLabelTest {
    @Test
    void aGivenLabelWinsAndIsCleaned() {
        assertThat(DeviceLabel.of("  Alice's phone\n", "curl/8.5.0"), is("Alice's phone"));
        assertThat(DeviceLabel.of("   ", "curl/8.5.0"), is("curl"));
    }

    @Test
    void commonBrowsersAndSystemsAreRecognised() {
        assertThat(DeviceLabel.fromUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                                                     + "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
                   is("Edge on Windows"));
        assertThat(DeviceLabel.fromUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
                                                     + "(KHTML, like Gecko) Version/18.1 Safari/605.1.15"),
                   is("Safari on macOS"));
        assertThat(DeviceLabel.fromUserAgent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, "
                                                     + "like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
                   is("Chrome on Android"));
        assertThat(DeviceLabel.fromUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
                                                     + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"),
                   is("iOS"));
    }

    @Test
    void anUnknownAgentIsShownCutShortAndNoAgentIsUnknown() {
        assertThat(DeviceLabel.fromUserAgent("WeChatBot/1.0"), is("WeChatBot/1.0"));
        assertThat(DeviceLabel.fromUserAgent("x".repeat(200)).length(), is(DeviceLabel.MAX_LENGTH));
        assertThat(DeviceLabel.fromUserAgent(null), is("Unknown device"));
    }
}
