package io.wechat.notification.preferences;

import java.util.Arrays;
import java.util.Optional;

/** How much of a message a push shows: everything, or only "New message". */
public enum PreviewMode {
    FULL("full"),
    HIDDEN("hidden");

    private final String wire;

    PreviewMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<PreviewMode> of(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
    }
}
