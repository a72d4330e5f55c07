package io.wechat.user.auth;

import java.util.UUID;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.wechat.kit.web.ApiException;

/**
 * Resolves the caller of an authenticated route from its {@code Authorization: Bearer} access token, refusing tokens
 * of revoked sessions (read from this service's own store, so at once).
 */
public final class Authenticator {
    private static final String BEARER = "Bearer ";

    private static final String ADMIN_SCOPE = "admin";

    private final AccessTokens tokens;
    private final Sessions sessions;

    public Authenticator(AccessTokens tokens, Sessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /**
     * The caller's user id; 401 when the token is missing, malformed, tampered, expired, for another audience or of a
     * revoked session.
     */
    public UUID userId(ServerRequest req) {
        return verified(req).userId();
    }

    /** The caller: user id and session ({@code sid}); 401 as {@link #userId}. */
    public AccessTokens.Verified caller(ServerRequest req) {
        return verified(req);
    }

    /** The caller's user id when the token carries the {@code admin} scope; 403 {@code forbidden} otherwise. */
    public UUID admin(ServerRequest req) {
        AccessTokens.Verified caller = verified(req);
        if (!caller.scopes().contains(ADMIN_SCOPE)) {
            throw ApiException.forbidden("forbidden", "this route needs the admin scope");
        }
        return caller.userId();
    }

    private AccessTokens.Verified verified(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION)
                .orElseThrow(() -> ApiException.unauthorized("missing_token", "a bearer access token is required"));
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("invalid_token", "the Authorization header must be 'Bearer <token>'");
        }
        AccessTokens.Verified verified;
        try {
            verified = tokens.verify(header.substring(BEARER.length()).strip());
        } catch (AccessTokens.InvalidTokenException e) {
            throw ApiException.unauthorized("invalid_token", "the access token is invalid or expired");
        }
        if (verified.sessionId() != null && sessions.isRevoked(verified.sessionId())) {
            throw ApiException.unauthorized("invalid_token", "the session of this access token has ended");
        }
        return verified;
    }
}
