package io.wechat.user.auth;

import java.util.UUID;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.wechat.user.web.ApiException;

/**
 * Resolves the caller of an authenticated route from its {@code Authorization: Bearer} access token.
 */
public final class Authenticator {
    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;

    public Authenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The caller's user id; 401 when the token is missing, malformed, tampered, expired or for another audience. */
    public UUID userId(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION)
                .orElseThrow(() -> ApiException.unauthorized("missing_token", "a bearer access token is required"));
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("invalid_token", "the Authorization header must be 'Bearer <token>'");
        }
        try {
            return tokens.verify(header.substring(BEARER.length()).strip());
        } catch (AccessTokens.InvalidTokenException e) {
            throw ApiException.unauthorized("invalid_token", "the access token is invalid or expired");
        }
    }
}
