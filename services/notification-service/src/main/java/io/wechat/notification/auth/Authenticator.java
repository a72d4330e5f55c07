package io.wechat.notification.auth;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.wechat.notification.web.ApiException;

/** Turns the request's bearer token into a {@link Caller}, or answers 401. */
public final class Authenticator {
    private static final String BEARER = "Bearer ";
    private final TokenVerifier verifier;

    public Authenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public Caller caller(ServerRequest request) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("A bearer token is required");
        }
        String token = header.substring(BEARER.length()).trim();
        try {
            return verifier.verify(token)
                    .map(Caller::new)
                    .orElseThrow(() -> unauthorized("The token is invalid or expired"));
        } catch (JwksSource.KeysUnavailableException e) {
            throw ApiException.unavailable("auth_unavailable", "Token keys cannot be fetched, retry later");
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(Status.UNAUTHORIZED_401, "unauthorized", message);
    }
}
