package io.wechat.kit.auth;

import java.util.Optional;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.wechat.kit.redis.RateLimit;
import io.wechat.kit.web.ApiException;

/**
 * Turns the request's bearer token into a {@link Caller}; 401 without a valid one or when its session was revoked,
 * 503 when keys (or the revocation list) are unreachable.
 */
public final class Authenticator {
    private static final String BEARER = "Bearer ";
    private final TokenVerifier verifier;
    private final Optional<RevokedSessions> revoked;
    private final Optional<RateLimit> perUser;

    /** Without a revocation list: a token is good until it expires (tools, tests of other concerns). */
    public Authenticator(TokenVerifier verifier) {
        this(verifier, Optional.empty(), Optional.empty());
    }

    /** Also refuses tokens whose session ({@code sid}) the issuer lists as revoked. */
    public Authenticator(TokenVerifier verifier, RevokedSessions revoked) {
        this(verifier, Optional.of(revoked), Optional.empty());
    }

    private Authenticator(TokenVerifier verifier, Optional<RevokedSessions> revoked, Optional<RateLimit> perUser) {
        this.verifier = verifier;
        this.revoked = revoked;
        this.perUser = perUser;
    }

    /**
     * The same, and each authenticated HTTP request ({@link #caller(ServerRequest)}) takes one use from the caller's
     * bucket: 429 {@code rate_limited} with {@code Retry-After} beyond it, whichever way the caller came in. Bare tokens
     * ({@link #caller(String)}, a WebSocket's) are not counted: their frames have limits of their own.
     */
    public Authenticator limitedPerUser(RateLimit perUser) {
        return new Authenticator(verifier, revoked, Optional.of(perUser));
    }

    public Caller caller(ServerRequest request) {
        String token = bearer(request.headers().first(HeaderNames.AUTHORIZATION).orElse(""))
                .orElseThrow(() -> unauthorized("A bearer token is required"));
        Caller caller = caller(token).orElseThrow(() -> unauthorized("The token is invalid or expired"));
        perUser.ifPresent(limit -> limit.take(caller.userId()));
        return caller;
    }

    /**
     * The caller when the token's {@code scope} claim holds {@code scope}: the check a service makes again behind the
     * gateway's on its {@code /admin/...} routes. 401 as for {@link #caller(ServerRequest)}; 403 {@code forbidden} for a
     * valid token without the scope.
     */
    public Caller requireScope(ServerRequest request, String scope) {
        return caller(request).requireScope(scope);
    }

    /**
     * The caller of a bare token (a WebSocket's query parameter); empty when it is invalid, expired or of a revoked
     * session.
     *
     * @throws ApiException 503 {@code auth_unavailable} when keys or the revocation list cannot be fetched
     */
    public Optional<Caller> caller(String token) {
        try {
            Optional<JWTClaimsSet> claims = verifier.claims(token);
            if (claims.isEmpty()) {
                return Optional.empty();
            }
            String sessionId = stringClaim(claims.get(), "sid");
            if (revoked.isPresent() && revoked.get().isRevoked(sessionId)) {
                return Optional.empty();
            }
            return Optional.of(new Caller(claims.get().getSubject(), BEARER + token,
                                          scopes(stringClaim(claims.get(), "scope")), sessionId));
        } catch (JwksSource.KeysUnavailableException e) {
            throw ApiException.unavailable("auth_unavailable", "Token keys cannot be fetched, retry later");
        }
    }

    private static Set<String> scopes(String scope) {
        return scope == null || scope.isBlank() ? Set.of() : Set.of(scope.strip().split(" +"));
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
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
