package io.wechat.notification.preferences;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.wechat.kit.web.ApiException;

/** Request bodies of the mute and settings routes, validated on construction. */
final class PreferenceRequestBodies {
    private PreferenceRequestBodies() {
    }

    /** {@code until}: an ISO-8601 UTC time; null or absent mutes forever. */
    record MuteConversation(String until) {
        MuteConversation {
            if (until != null) {
                try {
                    Instant.parse(until);
                } catch (DateTimeParseException e) {
                    throw ApiException.badRequest("invalid_until", "until must be an ISO-8601 UTC time, e.g. 2026-11-26T21:00:00.000Z");
                }
            }
        }

        Optional<Instant> untilInstant() {
            return Optional.ofNullable(until).map(Instant::parse);
        }
    }

    record UpdateSettings(String previewMode) {
        UpdateSettings {
            if (previewMode == null || PreviewMode.of(previewMode).isEmpty()) {
                throw ApiException.badRequest("invalid_preview_mode", "previewMode must be full, sender or hidden");
            }
        }

        PreviewMode mode() {
            return PreviewMode.of(previewMode).orElseThrow();
        }
    }
}
