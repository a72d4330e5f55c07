package io.wechat.kit.auth;

import java.util.Objects;
import java.util.Set;

import io.helidon.http.Status;
import io.wechat.kit.web.ApiException;

/**
 * The authenticated user of a request, the {@code Authorization} header to forward on their behalf, the token's
 * scopes (its {@code scope} claim: {@code user}, {@code user admin}) and its session ({@code sid}; null when the
 * token names none).
 */
public record Caller(String userId, String authorization, Set<String> scopes, String sessionId) {
    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(authorization, "authorization");
        scopes = Set.copyOf(scopes);
    }

    /** A caller without scopes or session (a token that names neither, a socket's stored identity). */
    public Caller(String userId, String authorization) {
        this(userId, authorization, Set.of(), null);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * Answers this caller when their token carries {@code scope}.
     *
     * @throws ApiException 403 {@code forbidden} otherwise
     */
    public Caller requireScope(String scope) {
        if (!hasScope(scope)) {
            throw new ApiException(Status.FORBIDDEN_403, "forbidden", "This route needs the " + scope + " scope");
        }
        return this;
    }
}
