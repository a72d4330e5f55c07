package io.wechat.media.catalog;

import java.util.Locale;

/** pending (reserved, not yet verified) -> ready or rejected; the only transitions there are. */
public enum MediaStatus {
    PENDING, READY, REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MediaStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
