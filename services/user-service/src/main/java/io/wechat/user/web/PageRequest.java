package io.wechat.user.web;

import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.wechat.kit.web.ApiException;

/**
 * {@code limit} (default 20, 1..100) and the optional opaque {@code cursor} of a list request.
 */
public record PageRequest(int limit, Optional<String> cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        cursor = cursor.filter(c -> !c.isEmpty());
    }

    public static PageRequest from(Parameters query) {
        int limit = DEFAULT_LIMIT;
        if (query.contains("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid_limit", "limit must be a number");
            }
        }
        Optional<String> cursor = query.contains("cursor") ? Optional.of(query.get("cursor")) : Optional.empty();
        return new PageRequest(limit, cursor);
    }

    public Optional<Cursor> decodedCursor(int parts) {
        return cursor.map(c -> Cursor.decode(c, parts));
    }
}
