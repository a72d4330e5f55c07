package io.wechat.user.web;

import java.util.UUID;

/**
 * Parses ids taken from paths and bodies.
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

    /** A body id that is not a UUID is a bad request. */
    public static UUID bodyId(String raw, String field) {
        if (raw == null) {
            throw ApiException.badRequest("invalid_request", field + " is required");
        }
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", field + " must be a UUID");
        }
    }

    private static UUID parse(String raw) {
        if (raw.length() != 36) {
            throw new IllegalArgumentException("not a canonical uuid");
        }
        return UUID.fromString(raw);
    }
}
