package io.wechat.user.web;

import java.util.UUID;
import io.wechat.kit.web.ApiException;

/**
 * Parses ids taken from request paths.
 */
public final class Ids {
    private Ids() {
    }

    /** A path id that is not a UUID names nothing: answer as for an unknown id. */
    public static UUID pathId(String raw, String notFoundCode, String what) {
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(notFoundCode, what + " not found");
        }
    }

    private static UUID parse(String raw) {
        if (raw.length() != 36) {
            throw new IllegalArgumentException("not a canonical uuid");
        }
        return UUID.fromString(raw);
    }
}
