package io.wechat.user.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.wechat.user.users.UserStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for the accounts as administrators see them: status, roles, activity.
 */
final class AdminStore {
    private static final String COLUMNS = """
            u.id, u.username, u.display_name, u.created_at, u.last_active_at, u.disabled_at, u.disabled_reason,
            array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles""";

    /** An account as an administrator sees it. */
    record Account(UUID id, String username, String displayName, Instant createdAt, Instant lastActiveAt,
                   Instant disabledAt, String disabledReason, List<String> roles) {
        boolean disabled() {
            return disabledAt != null;
        }
    }

    Optional<Account> find(Handle h, UUID id) {
        return h.createQuery("select " + COLUMNS + " from users u where u.id = :id")
                .bind("id", id)
                .map(AdminStore::map)
                .findOne();
    }

    Optional<Account> lock(Handle h, UUID id) {
        return h.createQuery("select " + COLUMNS + " from users u where u.id = :id for update of u")
                .bind("id", id)
                .map(AdminStore::map)
                .findOne();
    }

    Optional<UUID> idOf(Handle h, String username) {
        return h.createQuery("select id from users where username = :username")
                .bind("username", username)
                .mapTo(UUID.class)
                .findOne();
    }

    void disable(Handle h, UUID id, String reason, Instant at) {
        h.createUpdate("update users set disabled_at = :at, disabled_reason = :reason where id = :id")
                .bind("id", id)
                .bind("reason", reason)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .execute();
    }

    void enable(Handle h, UUID id) {
        h.createUpdate("update users set disabled_at = null, disabled_reason = null where id = :id")
                .bind("id", id)
                .execute();
    }

    /** Answers whether the role changed. */
    boolean grant(Handle h, UUID id, String role) {
        return h.createUpdate("insert into user_roles (user_id, role) values (:id, :role) on conflict do nothing")
                .bind("id", id)
                .bind("role", role)
                .execute() > 0;
    }

    boolean revoke(Handle h, UUID id, String role) {
        return h.createUpdate("delete from user_roles where user_id = :id and role = :role")
                .bind("id", id)
                .bind("role", role)
                .execute() > 0;
    }

    /**
     * Accounts in username order after {@code afterUsername}; {@code prefix} (lower-case, may be null) matches the
     * username or the display name; {@code disabled} (may be null) filters on the status.
     */
    List<Account> list(Handle h, String prefix, Boolean disabled, String afterUsername, int limit) {
        List<String> where = new ArrayList<>(List.of("u.username > :after"));
        if (prefix != null) {
            where.add("(u.username like :pattern escape '!' or lower(u.display_name) like :pattern escape '!')");
        }
        if (disabled != null) {
            where.add(disabled ? "u.disabled_at is not null" : "u.disabled_at is null");
        }
        Query query = h.createQuery("select " + COLUMNS + " from users u where " + String.join(" and ", where)
                                            + " order by u.username limit :limit")
                .bind("after", afterUsername)
                .bind("limit", limit);
        if (prefix != null) {
            query.bind("pattern", UserStore.likePrefix(prefix));
        }
        return query.map(AdminStore::map).list();
    }

    private static Account map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                           instant(rs, "created_at"), instant(rs, "last_active_at"), instant(rs, "disabled_at"),
                           rs.getString("disabled_reason"),
                           Arrays.asList((String[]) rs.getArray("roles").getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
