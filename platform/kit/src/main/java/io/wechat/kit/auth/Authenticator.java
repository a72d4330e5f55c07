package io.wechat.kit.auth;

import java.util.Optional;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

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
        String token = token(request);
        return new Caller(claims(token).getSubject(), BEARER + token);
    }

    /**
     * The caller when the token's {@code scope} claim (space-separated, OAuth style, as API Gateway's JWT authorizer
     * reads it) holds {@code scope}: the check a service makes again behind the gateway's. 401 as for
     * {@link #caller}; 403 {@code forbidden} for a valid token without the scope.
     */
    public Caller requireScope(ServerRequest request, String scope) {
        String token = token(request);
        JWTClaimsSet claims = claims(token);
        if (!scopes(claims).contains(scope)) {
            throw ApiException.forbidden("forbidden", "This route needs the " + scope + " scope");
        }
        return new Caller(claims.getSubject(), BEARER + token);
    }

    /** The scopes of a token's {@code scope} claim (space-separated); empty without one. */
    public static Set<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (!(scope instanceof String text) || text.isBlank()) {
            return Set.of();
        }
        return Set.of(text.trim().split("\\s+"));
    }

    private static String token(ServerRequest request) {
        return bearer(request.headers().first(HeaderNames.AUTHORIZATION).orElse(""))
                .orElseThrow(() -> unauthorized("A bearer token is required"));
    }

    private JWTClaimsSet claims(String token) {
        try {
            return verifier.claims(token).orElseThrow(() -> unauthorized("The token is invalid or expired"));
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
