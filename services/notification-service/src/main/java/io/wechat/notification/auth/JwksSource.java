package io.wechat.notification.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * The issuer's signing keys, fetched from its JWKS URL with helidon-webclient and cached. An unknown
 * {@code kid} triggers a refetch (key rotation), at most once per {@code minRefetchInterval} so that
 * tokens with made-up kids cannot hammer the issuer.
 */
public final class JwksSource {
    private final WebClient client;
    private final String jwksUrl;
    private final Duration maxAge;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile JWKSet keys = new JWKSet();
    private volatile Instant fetchedAt = Instant.EPOCH;
    private Instant attemptedAt = Instant.EPOCH;

    public JwksSource(WebClient client, String jwksUrl, Duration maxAge, Duration minRefetchInterval, Clock clock) {
        this.client = client;
        this.jwksUrl = jwksUrl;
        this.maxAge = maxAge;
        this.minRefetchInterval = minRefetchInterval;
        this.clock = clock;
    }

    /** The key with this id, refetching the set when it is stale or does not know the id. */
    public Optional<JWK> key(String kid) {
        JWK key = keys.getKeyByKeyId(kid);
        Instant now = clock.instant();
        boolean stale = now.isAfter(fetchedAt.plus(maxAge));
        if (key != null && !stale) {
            return Optional.of(key);
        }
        lock.lock();
        try {
            key = keys.getKeyByKeyId(kid);
            stale = now.isAfter(fetchedAt.plus(maxAge));
            boolean mayRefetch = now.isAfter(attemptedAt.plus(minRefetchInterval));
            if ((key == null || stale) && mayRefetch) {
                attemptedAt = now;
                try {
                    fetch(now);
                    key = keys.getKeyByKeyId(kid);
                } catch (RuntimeException e) {
                    if (key == null) {
                        throw new KeysUnavailableException(e);
                    }
                    // A stale but known key beats failing every request while the issuer is down.
                }
            }
            return Optional.ofNullable(key);
        } finally {
            lock.unlock();
        }
    }

    /** The issuer's key set cannot be fetched: callers answer 503, not 401. */
    public static final class KeysUnavailableException extends RuntimeException {
        KeysUnavailableException(Throwable cause) {
            super("Cannot fetch the JWKS", cause);
        }
    }

    private void fetch(Instant now) {
        try (HttpClientResponse response = client.get(jwksUrl).request()) {
            if (response.status() != Status.OK_200) {
                throw new IllegalStateException("JWKS answered " + response.status().code());
            }
            keys = JWKSet.parse(response.as(String.class));
            fetchedAt = now;
        } catch (ParseException e) {
            throw new IllegalStateException("JWKS is not a key set", e);
        }
    }
}
