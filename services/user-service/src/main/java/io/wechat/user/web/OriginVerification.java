package io.wechat.user.web;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.wechat.kit.web.ApiException;

/**
 * CloudFront's origin secret: the {@code X-Origin-Verify} header CloudFront adds to every request it forwards to the
 * HTTP API, whose value only CloudFront and this service know. A request that carries it passed CloudFront and its
 * WAF (per-address rate limits); a request without it called the public {@code execute-api} hostname directly.
 *
 * <p>The value lives in Secrets Manager ({@code ORIGIN_VERIFY_SECRET_ARN}) and is rotated by an apply that changes
 * the secret and CloudFront together; CloudFront's edge locations take minutes to follow. So a value that does not
 * match makes this re-read the secret (at most once per refresh interval), and the value it replaced stays accepted.
 * Without a secret (locally, where there is no CloudFront) nothing is required.
 */
public final class OriginVerification {
    static final HeaderName HEADER = HeaderNames.create("X-Origin-Verify");
    private static final System.Logger LOG = System.getLogger(OriginVerification.class.getName());

    private final Supplier<String> store;
    private final Duration refreshInterval;
    private final Clock clock;
    private volatile List<byte[]> accepted;
    private volatile Instant readAt;

    private OriginVerification(Supplier<String> store, Duration refreshInterval, Clock clock) {
        this.store = store;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        this.accepted = store == null ? List.of() : List.of(bytes(store.get()));
        this.readAt = clock.instant();
    }

    /** Nothing to verify: there is no CloudFront in front (the local stack). */
    public static OriginVerification none() {
        return new OriginVerification(null, Duration.ZERO, Clock.systemUTC());
    }

    /** A value that never changes ({@code CLOUDFRONT_ORIGIN_SECRET}), or none when blank. */
    public static OriginVerification fixed(Optional<String> secret) {
        return secret.filter(s -> !s.isBlank())
                .map(s -> new OriginVerification(() -> s, Duration.ofDays(365_000), Clock.systemUTC()))
                .orElseGet(OriginVerification::none);
    }

    /** The value in a store (the secret), read now and again when a request does not match. */
    public static OriginVerification stored(Supplier<String> store, Duration refreshInterval, Clock clock) {
        return new OriginVerification(store, refreshInterval, clock);
    }

    public boolean required() {
        return store != null;
    }

    /** Whether the request carries the secret (false when none is configured: nothing can vouch). */
    public boolean verified(ServerRequest req) {
        if (store == null) {
            return false;
        }
        Optional<byte[]> sent = req.headers().first(HEADER).map(OriginVerification::bytes);
        if (sent.isEmpty()) {
            return false;
        }
        return matches(sent.get()) || (refreshed() && matches(sent.get()));
    }

    /**
     * Guards the named routes of the service it is registered beside: without the secret, 403
     * {@code origin_not_verified}. For the routes that cost the most to abuse and that WAF's per-address limits
     * protect (password checks, registrations).
     */
    public HttpService guarding(String... paths) {
        return rules -> {
            for (String path : paths) {
                rules.any(path, (req, res) -> {
                    if (required() && !verified(req)) {
                        throw ApiException.forbidden("origin_not_verified", "Call the API through its public address");
                    }
                    res.next();
                });
            }
        };
    }

    private boolean matches(byte[] sent) {
        return accepted.stream().anyMatch(value -> MessageDigest.isEqual(value, sent));
    }

    private synchronized boolean refreshed() {
        Instant now = clock.instant();
        if (now.isBefore(readAt.plus(refreshInterval))) {
            return false;
        }
        readAt = now;
        try {
            byte[] latest = bytes(store.get());
            if (matchesFirst(latest)) {
                return false;
            }
            accepted = List.of(latest, accepted.getFirst());
            LOG.log(Level.INFO, "CloudFront's origin secret changed; the previous value stays accepted");
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot re-read CloudFront's origin secret: " + e.getMessage());
            return false;
        }
    }

    private boolean matchesFirst(byte[] value) {
        return MessageDigest.isEqual(accepted.getFirst(), value);
    }

    private static byte[] bytes(String value) {
        return value.strip().getBytes(StandardCharsets.UTF_8);
    }
}
