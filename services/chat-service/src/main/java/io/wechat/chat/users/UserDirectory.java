package io.wechat.chat.users;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;

/**
 * Users as user-service knows them, through its HTTP API ({@code GET /users/{userId}} with the caller's
 * token). The answer depends on the caller (404 when the user blocks the caller; whether the caller may add the
 * user to a group), so answers are cached per (caller, user) for a short TTL, unknown users too, so that a burst
 * of sends costs one call; a {@code user.profile-updated} event evicts the user's entries, a block or unblock
 * the pair's. Names to show ({@link #shownName}) come first from
 * chat-service's own {@link ProfileProjection} of user-service's events, which needs no token.
 */
public final class UserDirectory {
    private static final System.Logger LOG = System.getLogger(UserDirectory.class.getName());
    private final WebClient client;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final ProfileProjection projection;
    private static final String SEPARATOR = "|";
    /** (caller id | user id) to what user-service answered that caller about that user. */
    private final ConcurrentHashMap<String, Entry> answers = new ConcurrentHashMap<>();
    /** User id to the profile chat-service's projection holds: names only, the same for every caller. */
    private final ConcurrentHashMap<String, Entry> names = new ConcurrentHashMap<>();

    private record Entry(Optional<UserProfile> profile, Instant expiresAt) {
    }

    /** {@code client} must have user-service's base URI and timeouts set. */
    public UserDirectory(WebClient client, Duration ttl, int maxEntries, Clock clock) {
        this(client, null, ttl, maxEntries, clock);
    }

    /** As above, with the projection {@link #shownName} reads first ({@code null}: none). */
    public UserDirectory(WebClient client, ProfileProjection projection, Duration ttl, int maxEntries, Clock clock) {
        this.client = client;
        this.projection = projection;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The user's profile, empty when user-service says 404; 503 when user-service cannot answer. */
    public Optional<UserProfile> find(String userId, Caller caller) {
        Instant now = clock.instant();
        Entry cached = answers.get(key(caller.userId(), userId));
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return cached.profile();
        }
        Optional<UserProfile> profile = fetch(userId, caller);
        remember(answers, key(caller.userId(), userId), profile, now);
        return profile;
    }

    /**
     * What to show for the user (display name, else username, else id): a fresh cached profile, else the projection
     * of user-service's events, else {@code GET /users/{userId}} with the caller's token when the caller has one
     * (a WebSocket caller has none), else the id. Never fails: a name is a nicety.
     */
    public String shownName(String userId, Caller caller) {
        Instant now = clock.instant();
        Entry cached = answers.get(key(caller.userId(), userId));
        if (cached != null && cached.expiresAt().isAfter(now) && cached.profile().isPresent()) {
            return cached.profile().get().shownName();
        }
        Entry named = names.get(userId);
        if (named != null && named.expiresAt().isAfter(now) && named.profile().isPresent()) {
            return named.profile().get().shownName();
        }
        try {
            Optional<UserProfile> projected = projection == null ? Optional.empty() : projection.find(userId);
            if (projected.isPresent()) {
                remember(names, userId, projected, now);
                return projected.get().shownName();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Profile projection read failed for user " + userId + ": " + e);
        }
        if (caller.authorization().isBlank()) {
            return userId;
        }
        try {
            return find(userId, caller).map(UserProfile::shownName).orElse(userId);
        } catch (ApiException e) {
            return userId;
        }
    }

    private void remember(ConcurrentHashMap<String, Entry> cache, String key, Optional<UserProfile> profile, Instant now) {
        if (cache.size() >= maxEntries) {
            cache.entrySet().removeIf(e -> !e.getValue().expiresAt().isAfter(now));
            if (cache.size() >= maxEntries) {
                cache.clear();
            }
        }
        cache.put(key, new Entry(profile, now.plus(ttl)));
    }

    /** The user's profile or 404 {@code user_not_found}. */
    public UserProfile require(String userId, Caller caller) {
        return find(userId, caller)
                .orElseThrow(() -> ApiException.notFound("user_not_found", "No such user: " + userId));
    }

    /** Forgets every caller's answer about the user (its profile changed). */
    public void evict(String userId) {
        answers.keySet().removeIf(key -> key.endsWith(SEPARATOR + userId));
        names.remove(userId);
    }

    /** Forgets what each of the two users was told about the other (a block between them changed). */
    public void evictPair(String oneUserId, String otherUserId) {
        answers.remove(key(oneUserId, otherUserId));
        answers.remove(key(otherUserId, oneUserId));
    }

    private static String key(String callerId, String userId) {
        return callerId + SEPARATOR + userId;
    }

    private Optional<UserProfile> fetch(String userId, Caller caller) {
        String path = "/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
        try (HttpClientResponse response = client.get(path)
                .header(HeaderNames.AUTHORIZATION, caller.authorization())
                .header(HeaderNames.ACCEPT, "application/json")
                .request()) {
            if (response.status() == Status.NOT_FOUND_404) {
                return Optional.empty();
            }
            if (response.status() != Status.OK_200) {
                LOG.log(Level.WARNING, "user-service answered " + response.status().code() + " for user " + userId);
                throw unavailable();
            }
            UserProfile profile = Json.parse(response.as(byte[].class), UserProfile.class);
            return Optional.of(profile);
        } catch (ApiException e) {
            throw e.status() == Status.SERVICE_UNAVAILABLE_503 ? e : unavailable();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "user-service call failed for user " + userId + ": " + e);
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("user_service_unavailable", "Users cannot be looked up right now, retry later");
    }
}
