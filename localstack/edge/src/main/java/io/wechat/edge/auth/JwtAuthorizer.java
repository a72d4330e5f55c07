package io.wechat.edge.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import io.wechat.edge.EdgeConfig.Jwt;
import io.wechat.kit.auth.JwksSource;
import io.wechat.kit.auth.TokenVerifier;

/**
 * API Gateway's JWT authorizer, on the platform kit's {@link TokenVerifier}: the token's {@code kid} names a key
 * of the issuer's JWKS (found through its discovery document unless a JWKS URL is configured; cached; fetched
 * again, at most once a second, when an unknown {@code kid} arrives, with concurrent requests waiting for the
 * fetch in flight), the RSA signature verifies, {@code iss} equals the issuer, {@code aud} (or {@code client_id})
 * names one of the audiences, {@code exp} is in the future and {@code nbf}/{@code iat} are not, within the
 * kit's one clock skew. Anything else, and keys that cannot be fetched, is unauthorized, as in API Gateway.
 */
public final class JwtAuthorizer {
    private static final System.Logger LOG = System.getLogger(JwtAuthorizer.class.getName());
    private static final Duration MAX_KEY_AGE = Duration.ofHours(1);
    private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(1);

    private final TokenVerifier verifier;

    public JwtAuthorizer(Jwt config, Clock clock) {
        JwksSource keys = config.jwksUrl() != null
                ? JwksSource.fromJwksUrl(config.jwksUrl(), MAX_KEY_AGE, MIN_REFETCH_INTERVAL, clock)
                : JwksSource.fromDiscovery(config.discoveryUrl(), MAX_KEY_AGE, MIN_REFETCH_INTERVAL, clock);
        this.verifier = new TokenVerifier(keys, config.issuer(), Set.copyOf(config.audiences()), clock);
    }

    /** Strips an optional {@code Bearer } prefix, as API Gateway does for the identity source. */
    public static String bearer(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        String v = headerValue.trim();
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : v;
    }

    /**
     * Whether the token's scopes include one of the route's authorization scopes, as API Gateway decides before
     * answering 403: the {@code scope} claim (space-separated) or {@code scp} (a list or a space-separated string).
     * A route without scopes takes any valid token.
     */
    public static boolean grants(JWTClaimsSet claims, List<String> required) {
        if (required.isEmpty()) {
            return true;
        }
        Set<String> held = new HashSet<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String text) {
                held.addAll(Arrays.asList(text.trim().split("\\s+")));
            } else if (value instanceof Collection<?> values) {
                values.forEach(v -> held.add(String.valueOf(v)));
            }
        }
        return required.stream().anyMatch(held::contains);
    }

    /** The verified claims, or empty when the token must be refused with 401. */
    public Optional<JWTClaimsSet> authorize(String token) {
        try {
            return verifier.claims(token);
        } catch (JwksSource.KeysUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot fetch the issuer's keys: " + e.getCause());
            return Optional.empty();
        }
    }
}
