package io.wechat.user.auth;

import java.util.List;
import java.util.UUID;

import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Times;
import io.wechat.user.events.Transactor;
import io.wechat.user.events.UserEvents;
import io.wechat.user.users.User;
import io.wechat.user.users.UserStore;
import io.wechat.user.users.UsernameTombstones;

/**
 * What an account holder controls about their own account: the password, the signed-in sessions, and the account
 * itself. Each step that needs the password counts against the login throttle of the account and the client
 * address, so a stolen access token cannot be used to guess it.
 */
public final class AccountControl {
    private final Transactor db;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final UsernameTombstones tombstones;

    public AccountControl(Transactor db, UserStore users, PasswordHasher hasher, LoginThrottle throttle,
                          Sessions sessions, UsernameTombstones tombstones) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.tombstones = tombstones;
    }

    /**
     * Changes the password and ends every other session: their refresh tokens stop working, their access tokens are
     * refused (the revocation list), and {@code user.signedOut} closes their sockets. The caller's session stays.
     */
    void changePassword(AccessTokens.Verified caller, AuthRequests.ChangePassword request, String clientAddress) {
        User user = owner(caller, request.currentPassword(), clientAddress);
        String hash = hasher.hash(request.newPassword());
        db.inTransaction(tx -> {
            users.lockById(tx.handle(), user.id()).orElseThrow(AccountControl::gone);
            users.changePassword(tx.handle(), user.id(), hash);
            return user;
        });
        // After the commit: a login that read the old password either recorded its session before this (ended here)
        // or sees the new password version and ends its own.
        List<UUID> ended = sessions.revokeAllBut(user.id(), caller.sessionId());
        if (!ended.isEmpty()) {
            db.inTransaction(tx -> {
                ended.forEach(sessionId -> tx.emit(UserEvents.signedOut(user.id(), sessionId)));
                return ended;
            });
        }
    }

    /** The caller's signed-in sessions, most recently used first, the caller's own marked {@code current}. */
    SessionList sessions(AccessTokens.Verified caller) {
        return new SessionList(sessions.list(caller.userId()).stream()
                                       .map(s -> new SessionView(s.sessionId(), s.device(), Times.format(s.createdAt()),
                                                                 Times.format(s.lastUsedAt()),
                                                                 s.sessionId().equals(caller.sessionId())))
                                       .toList());
    }

    /** Ends one of the caller's sessions (the current one too, like a logout); 404 when it is not theirs. */
    void endSession(AccessTokens.Verified caller, UUID sessionId) {
        if (!sessions.revokeOwn(caller.userId(), sessionId)) {
            throw ApiException.notFound("session_not_found", "no such session");
        }
        db.inTransaction(tx -> {
            tx.emit(UserEvents.signedOut(caller.userId(), sessionId));
            return sessionId;
        });
    }

    /**
     * Deletes the account: the profile, contacts, requests, blocks, settings and roles go in one transaction with the
     * {@code user.deleted} event (every other service erases what it holds on it) and the username's tombstone; then
     * every session ends.
     */
    void deleteAccount(AccessTokens.Verified caller, AuthRequests.DeleteAccount request, String clientAddress) {
        User user = owner(caller, request.password(), clientAddress);
        db.inTransaction(tx -> {
            tombstones.lock(tx.handle(), user.username());
            users.lockById(tx.handle(), user.id()).orElseThrow(AccountControl::gone);
            tombstones.hold(tx.handle(), user.username());
            users.delete(tx.handle(), user.id());
            tx.emit(UserEvents.deleted(user.id()));
            return user;
        });
        sessions.revokeAll(user.id());
    }

    /** The caller's account, once the password proves it is theirs; 403 {@code wrong_password} otherwise. */
    private User owner(AccessTokens.Verified caller, String password, String clientAddress) {
        User user = db.read(h -> users.findById(h, caller.userId())).orElseThrow(AccountControl::gone);
        throttle.attempt(user.username(), clientAddress);
        if (!hasher.verify(password, user.passwordHash())) {
            // Not 401: the token is fine, and a client that took it for an expired token would sign out.
            throw ApiException.forbidden("wrong_password", "the password is not right");
        }
        throttle.succeeded(user.username(), clientAddress);
        return user;
    }

    private static ApiException gone() {
        return ApiException.unauthorized("invalid_token", "the account of this access token no longer exists");
    }

    /** {@code GET /auth/sessions}: every session at once (a user has a handful); {@code nextCursor} is always null. */
    record SessionList(List<SessionView> items) {
        public String nextCursor() {
            return null;
        }
    }

    record SessionView(UUID sessionId, String deviceLabel, String createdAt, String lastUsedAt, boolean current) {
    }
}
