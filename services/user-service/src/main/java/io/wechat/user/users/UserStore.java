package io.wechat.user.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for the {@code users} table. Methods take the caller's handle so they join its transaction.
 */
public final class UserStore {
    public static final String COLUMNS =
            "u.id, u.username, u.display_name, u.password_hash, u.avatar_media_id, u.status_message, "
                    + "u.created_at, u.updated_at";

    /** Hides a user from viewers they have blocked. */
    private static final String NOT_BLOCKING_VIEWER =
            "not exists (select 1 from blocks b where b.blocker_id = u.id and b.blocked_id = :viewer)";

    public void insert(Handle h, User user) {
        h.createUpdate("""
                        insert into users (id, username, display_name, password_hash, created_at, updated_at)
                        values (:id, :username, :displayName, :passwordHash, :createdAt, :updatedAt)""")
                .bindMethods(user)
                .execute();
    }

    public Optional<User> findById(Handle h, UUID id) {
        return h.createQuery("select " + COLUMNS + " from users u where u.id = :id")
                .bind("id", id)
                .map(UserStore::map)
                .findOne();
    }

    /** The user, unless they have blocked {@code viewer}. */
    public Optional<User> findVisible(Handle h, UUID id, UUID viewer) {
        return h.createQuery("select " + COLUMNS + " from users u where u.id = :id and " + NOT_BLOCKING_VIEWER)
                .bind("id", id)
                .bind("viewer", viewer)
                .map(UserStore::map)
                .findOne();
    }

    public Optional<User> findByUsername(Handle h, String username) {
        return h.createQuery("select " + COLUMNS + " from users u where u.username = :username")
                .bind("username", username)
                .map(UserStore::map)
                .findOne();
    }

    public Optional<User> lockById(Handle h, UUID id) {
        return h.createQuery("select " + COLUMNS + " from users u where u.id = :id for update")
                .bind("id", id)
                .map(UserStore::map)
                .findOne();
    }

    public void updateProfile(Handle h, User user) {
        h.createUpdate("""
                        update users set display_name = :displayName, avatar_media_id = :avatarMediaId,
                            status_message = :statusMessage, updated_at = :updatedAt
                        where id = :id""")
                .bindMethods(user)
                .execute();
    }

    public void updatePasswordHash(Handle h, UUID id, String passwordHash) {
        h.createUpdate("update users set password_hash = :hash where id = :id")
                .bind("id", id)
                .bind("hash", passwordHash)
                .execute();
    }

    /** A password change: the new hash, and a new version that racing logins notice. */
    public void changePassword(Handle h, UUID id, String passwordHash) {
        h.createUpdate("update users set password_hash = :hash, password_version = password_version + 1 where id = :id")
                .bind("id", id)
                .bind("hash", passwordHash)
                .execute();
    }

    /** The account's password version, by username; empty when there is no such account. */
    public Optional<Integer> passwordVersion(Handle h, String username) {
        return h.createQuery("select password_version from users where username = :username")
                .bind("username", username)
                .mapTo(Integer.class)
                .findOne();
    }

    /** Deletes the account; its contacts, requests, blocks, settings and roles go with it (foreign keys cascade). */
    public void delete(Handle h, UUID id) {
        h.createUpdate("delete from users where id = :id").bind("id", id).execute();
    }

    /**
     * Users whose username or display name starts with {@code prefix} (lower-case), in username order after
     * {@code afterUsername}, hiding those who blocked the viewer.
     */
    public List<User> search(Handle h, UUID viewer, String prefix, String afterUsername, int limit) {
        return h.createQuery("select " + COLUMNS + " from users u"
                                     + " where (u.username like :pattern escape '!'"
                                     + " or lower(u.display_name) like :pattern escape '!')"
                                     + " and u.username > :after and " + NOT_BLOCKING_VIEWER
                                     + " order by u.username limit :limit")
                .bind("pattern", likePrefix(prefix))
                .bind("after", afterUsername)
                .bind("viewer", viewer)
                .bind("limit", limit)
                .map(UserStore::map)
                .list();
    }

    /** A LIKE prefix pattern with '!' as escape character (JDBI's SQL parser reserves the backslash). */
    public static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** Maps the {@link #COLUMNS} of alias {@code u}; other packages reuse it in joins. */
    public static User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                        rs.getString("password_hash"), rs.getString("avatar_media_id"),
                        rs.getString("status_message"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
