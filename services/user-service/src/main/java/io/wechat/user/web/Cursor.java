package io.wechat.user.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import io.wechat.kit.web.ApiException;

/**
 * Opaque page cursor: the sort key of the last item returned, as base64url of versioned, unit-separated parts.
 * Clients must treat it as opaque; the server rejects anything it did not produce with a 400.
 */
public record Cursor(List<String> parts) {
    private static final String VERSION = "v1";
    private static final String SEPARATOR = "\u001f";
    private static final int MAX_ENCODED_LENGTH = 512;

    public Cursor {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.stream().anyMatch(p -> p.contains(SEPARATOR))) {
            throw new IllegalArgumentException("cursor parts must be non-empty and free of separators");
        }
    }

    public static Cursor of(String... parts) {
        return new Cursor(List.of(parts));
    }

    public String encode() {
        String raw = VERSION + SEPARATOR + String.join(SEPARATOR, parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor that must have exactly {@code expectedParts} parts. */
    public static Cursor decode(String encoded, int expectedParts) {
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw invalid();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] split = raw.split(SEPARATOR, -1);
        if (split.length != expectedParts + 1 || !VERSION.equals(split[0])) {
            throw invalid();
        }
        List<String> parts = Arrays.asList(split).subList(1, split.length);
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw invalid();
        }
        return new Cursor(parts);
    }

    public String part(int index) {
        return parts.get(index);
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid_cursor", "the cursor is not valid");
    }
}
