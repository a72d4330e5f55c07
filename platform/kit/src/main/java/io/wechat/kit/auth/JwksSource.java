package io.wechat.kit.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.wechat.kit.web.Json;

/**
 * The issuer's signing keys, fetched from its JWKS URL (or found through its discovery document) and cached.
 * A stale set or an unknown {@code kid} (key rotation) triggers a fetch. One fetch at a time: a caller that
 * needs keys while a fetch is in flight waits for that fetch and reads its result, so concurrent first
 * requests on a fresh process all see the keys. A fetch starts at most once per {@code minRefetchInterval},
 * so that tokens with made-up kids cannot hammer the issuer.
 */
public final class JwksSource {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI location;
    private final boolean discovery;
    private final Duration maxAge;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(new JWKSet(), Instant.EPOCH);
    private CompletableFuture<Snapshot> inFlight;
    private Instant attemptedAt = Instant.EPOCH;
    private RuntimeException lastFailure;

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
        boolean fetched() {
            return !fetchedAt.equals(Instant.EPOCH);
        }
    }

    private JwksSource(URI location, boolean discovery, Duration maxAge, Duration minRefetchInterval, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.location = location;
        this.discovery = discovery;
        this.maxAge = maxAge;
        this.minRefetchInterval = minRefetchInterval;
        this.clock = clock;
    }

    /** Keys from the issuer's JWKS URL. */
    public static JwksSource fromJwksUrl(URI jwksUrl, Duration maxAge, Duration minRefetchInterval, Clock clock) {
        return new JwksSource(jwksUrl, false, maxAge, minRefetchInterval, clock);
    }

    /** Keys from the {@code jwks_uri} of the issuer's OpenID discovery document, as API Gateway finds them. */
    public static JwksSource fromDiscovery(URI discoveryUrl, Duration maxAge, Duration minRefetchInterval, Clock clock) {
        return new JwksSource(discoveryUrl, true, maxAge, minRefetchInterval, clock);
    }

    /**
     * The key with this id, fetching the set when it is stale or does not know the id.
     *
     * @throws KeysUnavailableException when the keys cannot be fetched and no cached key answers
     */
    public Optional<JWK> key(String kid) {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        JWK key = current.keys().getKeyByKeyId(kid);
        if (key != null && !stale(current, now)) {
            return Optional.of(key);
        }
        CompletableFuture<Snapshot> fetch;
        boolean mine = false;
        synchronized (this) {
            current = snapshot;
            key = current.keys().getKeyByKeyId(kid);
            if (key != null && !stale(current, now)) {
                return Optional.of(key);
            }
            if (inFlight != null) {
                fetch = inFlight;
            } else if (!now.isBefore(attemptedAt.plus(minRefetchInterval))) {
                attemptedAt = now;
                fetch = inFlight = new CompletableFuture<>();
                mine = true;
            } else if (key == null && !current.fetched() && lastFailure != null) {
                throw new KeysUnavailableException(lastFailure);
            } else {
                // Fetched moments ago: an unknown kid is unknown, and a stale key still serves until the next try.
                return Optional.ofNullable(key);
            }
        }
        if (mine) {
            fetchInto(fetch, now);
        }
        try {
            return Optional.ofNullable(fetch.join().keys().getKeyByKeyId(kid));
        } catch (CompletionException e) {
            if (key != null) {
                // A stale but known key beats failing every request while the issuer is down.
                return Optional.of(key);
            }
            throw new KeysUnavailableException(e.getCause());
        }
    }

    private void fetchInto(CompletableFuture<Snapshot> fetch, Instant now) {
        try {
            Snapshot fetched = new Snapshot(JWKSet.parse(get(jwksUrl())), now);
            synchronized (this) {
                snapshot = fetched;
                lastFailure = null;
                inFlight = null;
            }
            fetch.complete(fetched);
        } catch (ParseException | RuntimeException e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException("JWKS is not a key set", e);
            synchronized (this) {
                lastFailure = failure;
                inFlight = null;
            }
            fetch.completeExceptionally(failure);
        }
    }

    private boolean stale(Snapshot current, Instant now) {
        return now.isAfter(current.fetchedAt().plus(maxAge));
    }

    private URI jwksUrl() {
        if (!discovery) {
            return location;
        }
        JsonNode document = Json.tree(get(location).getBytes(StandardCharsets.UTF_8));
        String jwksUri = document.path("jwks_uri").asText(null);
        if (jwksUri == null) {
            throw new IllegalStateException("no jwks_uri in " + location);
        }
        return URI.create(jwksUri);
    }

    private String get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                                                      HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot fetch " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + uri, e);
        }
    }

    /** The issuer's key set cannot be fetched: callers answer 503, not 401. */
    public static final class KeysUnavailableException extends RuntimeException {
        KeysUnavailableException(Throwable cause) {
            super("Cannot fetch the JWKS", cause);
        }
    }
}
