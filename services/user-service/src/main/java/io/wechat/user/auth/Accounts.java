package io.wechat.user.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import io.wechat.user.events.Transactor;
import io.wechat.user.events.UserEvents;
import io.wechat.user.users.User;
import io.wechat.user.users.UserStore;
import io.wechat.user.web.ApiException;
import io.wechat.user.web.Quota;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Registration, login, token refresh and logout.
 */
public final class Accounts {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Transactor db;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final Quota registrationsPerAddress;
    private final Clock clock;
    /** Verified against when the user does not exist, so both failures take the same time. */
    private final String dummyHash;

    public Accounts(Transactor db, UserStore users, PasswordHasher hasher, AccessTokens accessTokens,
                    RefreshTokens refreshTokens, LoginThrottle throttle, Quota registrationsPerAddress, Clock clock) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.registrationsPerAddress = registrationsPerAddress;
        this.clock = clock;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /** Each registration costs an Argon2 hash: a client address gets a few per window (429 beyond). */
    Registered register(AuthRequests.Register request, String clientAddress) {
        registrationsPerAddress.take(clientAddress);
        String hash = hasher.hash(request.password());
        User user = User.register(UUID.randomUUID(), request.username(), request.displayName(), hash, clock.instant());
        try {
            db.inTransaction(tx -> {
                users.insert(tx.handle(), user);
                tx.emit(UserEvents.registered(user.id(), user.username(), user.displayName()));
                return user;
            });
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw ApiException.conflict("username_taken", "the username is already taken");
            }
            throw e;
        }
        return new Registered(user.id(), user.username(), user.displayName());
    }

    TokenPair login(AuthRequests.Login request, String clientAddress) {
        throttle.attempt(request.username(), clientAddress);
        User user = db.read(h -> users.findByUsername(h, request.username())).orElse(null);
        boolean valid = hasher.verify(request.password(), user == null ? dummyHash : user.passwordHash());
        if (user == null || !valid) {
            throw ApiException.unauthorized("invalid_credentials", "invalid username or password");
        }
        throttle.succeeded(request.username(), clientAddress);
        if (hasher.needsRehash(user.passwordHash())) {
            String rehashed = hasher.hash(request.password());
            db.inTransaction(tx -> {
                users.updatePasswordHash(tx.handle(), user.id(), rehashed);
                return user;
            });
        }
        return tokens(user.id(), refreshTokens.issueNewFamily(user.id()));
    }

    TokenPair refresh(AuthRequests.RefreshToken request) {
        return switch (refreshTokens.rotate(request.refreshToken())) {
            case RefreshTokens.Rotation.Rotated rotated -> tokens(rotated.userId(), rotated.refreshToken());
            case RefreshTokens.Rotation.Reused reused -> throw ApiException.unauthorized(
                    "refresh_token_reused", "the refresh token was already used; the session has been revoked");
            case RefreshTokens.Rotation.Invalid invalid -> throw ApiException.unauthorized(
                    "invalid_refresh_token", "the refresh token is invalid or expired");
        };
    }

    void logout(AuthRequests.RefreshToken request) {
        refreshTokens.revokeFamilyOf(request.refreshToken());
    }

    private TokenPair tokens(UUID userId, String refreshToken) {
        AccessTokens.IssuedToken access = accessTokens.issue(userId);
        return new TokenPair(access.token(), refreshToken, "Bearer", access.expiresInSeconds());
    }

    record Registered(UUID userId, String username, String displayName) {
    }

    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }
}
