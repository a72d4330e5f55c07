package io.wechat.kit.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.Json;

/**
 * The issuer's list of revoked sessions ({@code GET /.well-known/revoked-sessions}: {@code {"sessionIds": [...]}}):
 * sessions ended by logout or by disabling the account while their access tokens are still unexpired. A token whose
 * {@code sid} is listed is refused. The list is cached and fetched again once it is {@code refreshInterval} old,
 * so a revocation reaches this verifier within that interval (plus one fetch). One fetch at a time, by the caller
 * that found the list stale: meanwhile the others answer from the list they have, and only the first callers of a
 * fresh process wait for it. When a fetch fails the last list keeps answering; without any list the caller gets
 * {@link JwksSource.KeysUnavailableException}, as without keys (a 503, never a token let through unchecked).
 */
public final class RevokedSessions {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How often a process that has no list yet tries again, so that an unreachable issuer is not hammered. */
    private static final Duration FIRST_FETCH_RETRY = Duration.ofSeconds(1);

    private final HttpClient http;
    private final URI location;
    private final Duration refreshInterval;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private CompletableFuture<Snapshot> inFlight;
    private Instant attemptedAt = Instant.EPOCH;
    private RuntimeException lastFailure;

    private record Snapshot(Set<String> sessionIds, Instant fetchedAt) {
    }

    private RevokedSessions(URI location, Duration refreshInterval, Clock clock) {
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refreshInterval must not be negative");
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.location = location;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    /**
     * How stale a service's list may get: with the fetch, a revocation reaches every verifier within about this long,
     * well inside the minute the API promises.
     */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(15);

    /**
     * The issuer's list beside its JWKS ({@code .../.well-known/jwks.json} → {@code .../.well-known/revoked-sessions}),
     * so a service needs no setting of its own to find it.
     */
    public static RevokedSessions besideJwks(URI jwksUrl, Duration refreshInterval, Clock clock) {
        return fromUrl(jwksUrl.resolve("revoked-sessions"), refreshInterval, clock);
    }

    /** The list at {@code url}, fetched at most once per {@code refreshInterval}. */
    public static RevokedSessions fromUrl(URI url, Duration refreshInterval, Clock clock) {
        return new RevokedSessions(url, refreshInterval, clock);
    }

    /**
     * Whether the session was revoked; a token without a session ({@code null}) is not.
     *
     * @throws JwksSource.KeysUnavailableException when no list could be fetched yet
     */
    public boolean isRevoked(String sessionId) {
        if (sessionId == null) {
            return false;
        }
        return current().sessionIds().contains(sessionId);
    }

    private Snapshot current() {
        Instant now = clock.instant();
        Snapshot known = snapshot;
        if (fresh(known, now)) {
            return known;
        }
        CompletableFuture<Snapshot> fetch;
        boolean mine = false;
        synchronized (this) {
            known = snapshot;
            if (fresh(known, now)) {
                return known;
            }
            if (inFlight != null) {
                if (known != null) {
                    return known;
                }
                fetch = inFlight;
            } else if (now.isBefore(attemptedAt.plus(known == null ? FIRST_FETCH_RETRY : refreshInterval))) {
                // The last fetch failed moments ago: the last list answers until the next try.
                if (known != null) {
                    return known;
                }
                throw new JwksSource.KeysUnavailableException(lastFailure);
            } else {
                attemptedAt = now;
                fetch = inFlight = new CompletableFuture<>();
                mine = true;
            }
        }
        if (mine) {
            fetchInto(fetch, now);
        }
        try {
            return fetch.join();
        } catch (CompletionException e) {
            if (known != null) {
                return known;
            }
            throw new JwksSource.KeysUnavailableException(e.getCause());
        }
    }

    private boolean fresh(Snapshot known, Instant now) {
        return known != null && now.isBefore(known.fetchedAt().plus(refreshInterval));
    }

    private void fetchInto(CompletableFuture<Snapshot> fetch, Instant now) {
        try {
            Snapshot fetched = new Snapshot(parse(get()), now);
            synchronized (this) {
                snapshot = fetched;
                lastFailure = null;
                inFlight = null;
            }
            fetch.complete(fetched);
        } catch (RuntimeException e) {
            synchronized (this) {
                lastFailure = e;
                inFlight = null;
            }
            fetch.completeExceptionally(e);
        }
    }

    private static Set<String> parse(String body) {
        JsonNode ids = Json.tree(body.getBytes(StandardCharsets.UTF_8)).path("sessionIds");
        if (!ids.isArray()) {
            throw new IllegalStateException("no sessionIds in the revocation list");
        }
        Set<String> sessionIds = new HashSet<>();
        ids.forEach(id -> sessionIds.add(id.asText()));
        return Set.copyOf(sessionIds);
    }

    private String get() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(location).timeout(REQUEST_TIMEOUT).GET().build(),
                                                      HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(location + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot fetch " + location + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + location, e);
        }
    }
}
