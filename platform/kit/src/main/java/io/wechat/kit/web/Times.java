package io.wechat.kit.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The API's times: ISO-8601 UTC with milliseconds; fixed width, so they also sort as strings. */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** The instant in the API's format; {@code null} for {@code null} (an optional time stays absent). */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
