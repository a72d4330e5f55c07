package io.wechat.user.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Times;
import io.wechat.user.auth.Sessions;
import io.wechat.user.events.Transactor;
import io.wechat.user.events.UserEvents;
import io.wechat.user.web.Cursor;
import io.wechat.user.web.Page;
import io.wechat.user.web.PageRequest;

/**
 * Accounts as the admin console manages them: list, disable, enable; and the operator's role grants.
 */
public final class AdminUsers {
    static final String ADMIN_ROLE = "admin";
    private static final int MAX_SEARCH_LENGTH = 64;

    private final Transactor db;
    private final AdminStore store = new AdminStore();
    private final Sessions sessions;
    private final Clock clock;

    public AdminUsers(Transactor db, Sessions sessions, Clock clock) {
        this.db = db;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** An account in the admin API's shape. */
    public record AdminUser(UUID userId, String username, String displayName, String status, String createdAt,
                            String lastActiveAt, List<String> scopes, String disabledReason) {
        static AdminUser of(AdminStore.Account account) {
            List<String> scopes = new ArrayList<>(List.of("user"));
            scopes.addAll(account.roles());
            return new AdminUser(account.id(), account.username(), account.displayName(),
                                 account.disabled() ? "disabled" : "active", Times.format(account.createdAt()),
                                 Times.format(account.lastActiveAt()), scopes, account.disabledReason());
        }
    }

    Page<AdminUser> list(String search, String status, PageRequest page) {
        String prefix = null;
        if (search != null) {
            prefix = search.strip().toLowerCase(Locale.ROOT);
            if (prefix.isEmpty() || prefix.length() > MAX_SEARCH_LENGTH) {
                throw ApiException.badRequest("invalid_search", "search must be 1-" + MAX_SEARCH_LENGTH + " characters");
            }
        }
        Boolean disabled = switch (status == null ? "" : status) {
            case "" -> null;
            case "active" -> false;
            case "disabled" -> true;
            default -> throw ApiException.badRequest("invalid_status", "status must be active or disabled");
        };
        String after = page.decodedCursor(1).map(c -> c.part(0)).orElse("");
        String filter = prefix;
        List<AdminStore.Account> rows = db.read(h -> store.list(h, filter, disabled, after, page.limit() + 1));
        return Page.of(rows, page.limit(), account -> Cursor.of(account.username())).map(AdminUser::of);
    }

    /**
     * Disables the account and ends its sessions. Idempotent: a second call keeps the first reason, publishes nothing
     * new, and ends any session that a failure left running the first time.
     */
    AdminUser disable(UUID actorId, UUID userId, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (actorId.equals(userId)) {
            throw ApiException.badRequest("cannot_disable_self", "an administrator cannot disable their own account");
        }
        AdminStore.Account account = db.inTransaction(tx -> {
            AdminStore.Account current = store.lock(tx.handle(), userId).orElseThrow(AdminUsers::notFound);
            if (current.disabled()) {
                return current;
            }
            store.disable(tx.handle(), userId, reason, clock.instant());
            tx.emit(UserEvents.disabled(userId, actorId, reason));
            return store.find(tx.handle(), userId).orElseThrow();
        });
        // After the commit: a login racing this one either sees the account disabled or has its session ended here.
        sessions.revokeAll(userId);
        return AdminUser.of(account);
    }

    AdminUser enable(UUID actorId, UUID userId) {
        return AdminUser.of(db.inTransaction(tx -> {
            AdminStore.Account current = store.lock(tx.handle(), userId).orElseThrow(AdminUsers::notFound);
            if (!current.disabled()) {
                return current;
            }
            store.enable(tx.handle(), userId);
            tx.emit(UserEvents.enabled(userId, actorId));
            return store.find(tx.handle(), userId).orElseThrow();
        }));
    }

    /** The operator's command: grants or revokes the admin role; it shows in the user's tokens from the next refresh. */
    AdminUser setAdmin(String username, boolean admin) {
        return AdminUser.of(db.inTransaction(tx -> {
            UUID id = store.idOf(tx.handle(), username.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(AdminUsers::notFound);
            if (admin) {
                store.grant(tx.handle(), id, ADMIN_ROLE);
            } else {
                store.revoke(tx.handle(), id, ADMIN_ROLE);
            }
            return store.find(tx.handle(), id).orElseThrow();
        }));
    }

    private static ApiException notFound() {
        return ApiException.notFound("user_not_found", "no such user");
    }
}
