package io.wechat.kit.web;

import java.util.List;
import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;

/** The API's list conventions: {@code limit} (default 20, max 100) and an opaque {@code cursor}. */
public record Paging(int limit, Optional<String> cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public Paging {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        cursor = cursor.filter(c -> !c.isBlank());
    }

    public static Paging of(ServerRequest request) {
        var query = request.query();
        int limit = DEFAULT_LIMIT;
        if (query.contains("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid_limit", "limit must be a number");
            }
        }
        return new Paging(limit, query.first("cursor").asOptional());
    }

    /** A page of a list: {@code items} and {@code nextCursor} (null at the end). */
    public record Page<T>(List<T> items, String nextCursor) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
