package io.wechat.notification.preferences;

import java.util.Arrays;
import java.util.Optional;

/**
 * How much of a message a push shows on a lock screen: its text ({@code full}, which the user turns on), who wrote it
 * and "New message" ({@code sender}, the default: no message content leaves for Apple's or Google's push service
 * unless the user asks for it), or only "New message" ({@code hidden}).
 */
public enum PreviewMode {
    FULL("full"),
    SENDER("sender"),
    HIDDEN("hidden");

    /** What a user who never chose gets. */
    public static final PreviewMode DEFAULT = SENDER;

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
