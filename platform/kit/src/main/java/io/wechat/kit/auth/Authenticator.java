package io.wechat.kit.auth;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.wechat.kit.web.ApiException;

/** Turns the request's bearer token into a {@link Caller}; 401 without a valid one, 503 when keys are unreachable. */
public final class Authenticator {
    private static final String BEARER = "Bearer ";
    private final TokenVerifier verifier;

    public Authenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public Caller caller(ServerRequest request) {
        String token = bearer(request.headers().first(HeaderNames.AUTHORIZATION).orElse(""))
                .orElseThrow(() -> unauthorized("A bearer token is required"));
        try {
            return verifier.verify(token)
                    .map(userId -> new Caller(userId, BEARER + token))
                    .orElseThrow(() -> unauthorized("The token is invalid or expired"));
        } catch (JwksSource.KeysUnavailableException e) {
            throw ApiException.unavailable("auth_unavailable", "Token keys cannot be fetched, retry later");
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive); empty otherwise. */
    public static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(Status.UNAUTHORIZED_401, "unauthorized", message);
    }
}
