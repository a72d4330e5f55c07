package io.wechat.user.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.wechat.kit.redis.Quota;
import io.wechat.kit.web.ApiException;
import io.wechat.user.events.Transactor;
import io.wechat.user.events.UserEvents;
import io.wechat.user.users.User;
import io.wechat.user.users.UserStore;
import io.wechat.user.users.UsernameTombstones;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Registration, login, token refresh and logout.
 */
public final class Accounts {
    private static final String UNIQUE_VIOLATION = "23505";
    /** lastActiveAt is written at most this often per user. */
    private static final Duration ACTIVITY_GRANULARITY = Duration.ofMinutes(5);

    private final Transactor db;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final Quota registrationsPerAddress;
    private final Sessions sessions;
    private final UsernameTombstones tombstones;
    private final Clock clock;
    /** What an unknown username's password is checked against, so that it costs a login as much as a known one. */
    private volatile String standInHash;
    private final Lock standInHashMaking = new ReentrantLock();

    public Accounts(Transactor db, UserStore users, PasswordHasher hasher, AccessTokens accessTokens,
                    RefreshTokens refreshTokens, Sessions sessions, LoginThrottle throttle, Quota registrationsPerAddress,
                    UsernameTombstones tombstones, Clock clock) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.registrationsPerAddress = registrationsPerAddress;
        this.sessions = sessions;
        this.tombstones = tombstones;
        this.clock = clock;
    }

    /**
     * The stand-in hash, made by the first login rather than at start: a whole Argon2 hash and Bouncy Castle's classes
     * (which the AOT cache cannot hold: a signed jar) took a third of user-service's start CPU (bench/README.md).
     * Every login waits for it, whether its username exists or not, so that the first login costs the same either way.
     */
    private String standInHash() {
        String hash = standInHash;
        if (hash == null) {
            standInHashMaking.lock();
            try {
                hash = standInHash;
                if (hash == null) {
                    // A failure (the hasher busy: 503) leaves it unmade, and the next login tries again.
                    hash = hasher.hash(UUID.randomUUID().toString());
                    standInHash = hash;
                }
            } finally {
                standInHashMaking.unlock();
            }
        }
        return hash;
    }

    /**
     * Each registration costs an Argon2 hash: a client address gets a few per window (429 beyond). The username of a
     * deleted account stays taken until its tombstone is released.
     */
    Registered register(AuthRequests.Register request, String clientAddress) {
        registrationsPerAddress.take(clientAddress);
        String hash = hasher.hash(request.password());
        User user = User.register(UUID.randomUUID(), request.username(), request.displayName(), hash, clock.instant());
        try {
            db.inTransaction(tx -> {
                tombstones.lock(tx.handle(), user.username());
                if (tombstones.held(tx.handle(), user.username())) {
                    throw taken();
                }
                users.insert(tx.handle(), user);
                tx.emit(UserEvents.registered(user.id(), user.username(), user.displayName()));
                return user;
            });
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw taken();
            }
            throw e;
        }
        return new Registered(user.id(), user.username(), user.displayName());
    }

    /** {@code userAgent} (may be null) names the session when the request gives no {@code deviceLabel}. */
    TokenPair login(AuthRequests.Login request, String clientAddress, String userAgent) {
        throttle.attempt(request.username(), clientAddress);
        // Read before the hash: a password change committing in between moves it (checked once the session exists).
        Optional<Integer> passwordVersion = db.read(h -> users.passwordVersion(h, request.username()));
        User user = db.read(h -> users.findByUsername(h, request.username())).orElse(null);
        String standIn = standInHash();
        boolean valid = hasher.verify(request.password(), user == null ? standIn : user.passwordHash());
        if (user == null || !valid) {
            throw ApiException.unauthorized("invalid_credentials", "invalid username or password");
        }
        throttle.succeeded(request.username(), clientAddress);
        // Only the right password learns that the account is disabled.
        if (standing(user.id()).disabled()) {
            throw disabled();
        }
        if (hasher.needsRehash(user.passwordHash())) {
            String rehashed = hasher.hash(request.password());
            db.inTransaction(tx -> {
                users.updatePasswordHash(tx.handle(), user.id(), rehashed);
                return user;
            });
        }
        RefreshTokens.NewFamily session = refreshTokens.issueNewFamily(user.id());
        sessions.started(user.id(), session.familyId(), DeviceLabel.of(request.deviceLabel(), userAgent));
        // Read again after the session is recorded: a disable or password change that committed meanwhile either
        // ended this session or is seen here.
        Standings.Standing standing = activeStanding(user.id());
        if (standing.disabled()) {
            sessions.revokeAll(user.id());
            throw disabled();
        }
        if (!db.read(h -> users.passwordVersion(h, request.username())).equals(passwordVersion)) {
            sessions.revokeOwn(user.id(), session.familyId());
            throw ApiException.unauthorized("invalid_credentials", "invalid username or password");
        }
        return tokens(user.id(), session.familyId(), standing.scopes(), session.refreshToken());
    }

    TokenPair refresh(AuthRequests.RefreshToken request) {
        return switch (refreshTokens.rotate(request.refreshToken())) {
            case RefreshTokens.Rotation.Rotated rotated -> {
                Standings.Standing standing = activeStanding(rotated.userId());
                if (standing.disabled()) {
                    sessions.revokeAll(rotated.userId());
                    throw ApiException.unauthorized("invalid_refresh_token", "the refresh token is invalid or expired");
                }
                sessions.used(rotated.familyId());
                yield tokens(rotated.userId(), rotated.familyId(), standing.scopes(), rotated.refreshToken());
            }
            case RefreshTokens.Rotation.Reused reused -> throw ApiException.unauthorized(
                    "refresh_token_reused", "the refresh token was already used; the session has been revoked");
            case RefreshTokens.Rotation.Invalid invalid -> throw ApiException.unauthorized(
                    "invalid_refresh_token", "the refresh token is invalid or expired");
        };
    }

    /** Ends the session: its access tokens are refused and its sockets closed ({@code user.signedOut}). */
    void logout(AuthRequests.RefreshToken request) {
        refreshTokens.revokeFamilyOf(request.refreshToken()).ifPresent(session -> {
            sessions.revoke(session.userId(), session.familyId());
            db.inTransaction(tx -> {
                tx.emit(UserEvents.signedOut(session.userId(), session.familyId()));
                return session;
            });
        });
    }

    private Standings.Standing standing(UUID userId) {
        return db.read(h -> Standings.of(h, userId))
                .orElseThrow(() -> ApiException.unauthorized("invalid_credentials", "invalid username or password"));
    }

    /** The standing of a user who is starting or continuing a session, whose activity it records. */
    private Standings.Standing activeStanding(UUID userId) {
        return db.read(h -> {
            Standings.touch(h, userId, ACTIVITY_GRANULARITY);
            return Standings.of(h, userId);
        }).orElse(new Standings.Standing(true, List.of()));
    }

    private TokenPair tokens(UUID userId, UUID sessionId, List<String> scopes, String refreshToken) {
        AccessTokens.IssuedToken access = accessTokens.issue(userId, sessionId, scopes);
        return new TokenPair(access.token(), refreshToken, "Bearer", access.expiresInSeconds());
    }

    private static ApiException taken() {
        return ApiException.conflict("username_taken", "the username is already taken");
    }

    private static ApiException disabled() {
        return ApiException.forbidden("account_disabled", "this account has been disabled by an administrator");
    }

    record Registered(UUID userId, String username, String displayName) {
    }

    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }
}
