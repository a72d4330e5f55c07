package io.wechat.notification.preferences;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A muted conversation: until a time, or forever when {@code until} is empty. */
public record Mute(String conversationId, Optional<Instant> until) {
    public Mute {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(until, "until");
    }

    /** Whether pushes of this conversation are suppressed at {@code now}. */
    public boolean activeAt(Instant now) {
        return until.map(now::isBefore).orElse(true);
    }
}
