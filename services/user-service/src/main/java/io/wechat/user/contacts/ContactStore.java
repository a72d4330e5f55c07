package io.wechat.user.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.wechat.user.users.Profiles.PublicProfile;
import io.wechat.user.users.User;
import io.wechat.user.users.UserStore;
import org.jdbi.v3.core.Handle;

/**
 * SQL for contact requests, contacts (two rows per pair) and blocks.
 */
final class ContactStore {
    private static final String REQUEST_SELECT = """
            select r.id, r.from_user_id, r.to_user_id, r.message, r.status, r.created_at,
                   f.username f_username, f.display_name f_display_name, f.avatar_media_id f_avatar,
                   f.status_message f_status,
                   t.username t_username, t.display_name t_display_name, t.avatar_media_id t_avatar,
                   t.status_message t_status
            from contact_requests r
            join users f on f.id = r.from_user_id
            join users t on t.id = r.to_user_id
            """;

    record RequestRow(UUID id, PublicProfile from, PublicProfile to, String message, String status,
                      Instant createdAt) {
    }

    record PersonRow(User user, Instant since) {
    }

    enum Direction { INCOMING, OUTGOING, ALL }

    // --- requests

    /** Inserts a request; {@code respondedAt} is null while it is pending. */
    void insertRequest(Handle h, UUID id, UUID from, UUID to, String message, String status, Instant respondedAt) {
        h.createUpdate("""
                        insert into contact_requests (id, from_user_id, to_user_id, message, status, responded_at)
                        values (:id, :from, :to, :message, :status, :respondedAt)""")
                .bind("id", id)
                .bind("from", from)
                .bind("to", to)
                .bind("message", message)
                .bind("status", status)
                .bind("respondedAt", respondedAt == null ? null : respondedAt.atOffset(ZoneOffset.UTC))
                .execute();
    }

    Optional<RequestRow> findRequest(Handle h, UUID id) {
        return h.createQuery(REQUEST_SELECT + " where r.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> requestRow(rs))
                .findOne();
    }

    /** Locks the request row for the rest of the transaction. */
    Optional<RequestRef> lockRequest(Handle h, UUID id) {
        return h.createQuery("select from_user_id, to_user_id, status from contact_requests where id = :id for update")
                .bind("id", id)
                .map((rs, ctx) -> new RequestRef(id, rs.getObject("from_user_id", UUID.class),
                                                 rs.getObject("to_user_id", UUID.class), rs.getString("status")))
                .findOne();
    }

    record RequestRef(UUID id, UUID from, UUID to, String status) {
    }

    Optional<UUID> findPending(Handle h, UUID from, UUID to) {
        return h.createQuery("""
                        select id from contact_requests
                        where from_user_id = :from and to_user_id = :to and status = 'pending'""")
                .bind("from", from)
                .bind("to", to)
                .mapTo(UUID.class)
                .findOne();
    }

    void respond(Handle h, UUID requestId, String status) {
        h.createUpdate("update contact_requests set status = :status, responded_at = now() where id = :id")
                .bind("id", requestId)
                .bind("status", status)
                .execute();
    }

    void deletePendingBetween(Handle h, UUID a, UUID b) {
        h.createUpdate("""
                        delete from contact_requests where status = 'pending'
                        and ((from_user_id = :a and to_user_id = :b) or (from_user_id = :b and to_user_id = :a))""")
                .bind("a", a)
                .bind("b", b)
                .execute();
    }

    /** Pending requests of {@code me}, newest first, after the (createdAt, id) cursor position. */
    List<RequestRow> pendingRequests(Handle h, UUID me, Direction direction, Instant beforeTime, UUID beforeId,
                                     int limit) {
        String who = switch (direction) {
            case INCOMING -> "r.to_user_id = :me";
            case OUTGOING -> "r.from_user_id = :me";
            case ALL -> "(r.to_user_id = :me or r.from_user_id = :me)";
        };
        String after = beforeTime == null ? "" : " and (r.created_at, r.id) < (:beforeTime, :beforeId)";
        var query = h.createQuery(REQUEST_SELECT + " where r.status = 'pending' and " + who + after
                                          + " order by r.created_at desc, r.id desc limit :limit")
                .bind("me", me)
                .bind("limit", limit);
        if (beforeTime != null) {
            query.bind("beforeTime", beforeTime.atOffset(ZoneOffset.UTC)).bind("beforeId", beforeId);
        }
        return query.map((rs, ctx) -> requestRow(rs)).list();
    }

    // --- contacts

    boolean areContacts(Handle h, UUID a, UUID b) {
        return h.createQuery("select exists (select 1 from contacts where user_id = :a and contact_id = :b)")
                .bind("a", a)
                .bind("b", b)
                .mapTo(Boolean.class)
                .one();
    }

    void addContactPair(Handle h, UUID a, UUID b) {
        h.createUpdate("""
                        insert into contacts (user_id, contact_id) values (:a, :b), (:b, :a)
                        on conflict do nothing""")
                .bind("a", a)
                .bind("b", b)
                .execute();
    }

    /** Answers whether the pair were contacts. */
    boolean removeContactPair(Handle h, UUID a, UUID b) {
        return h.createUpdate("""
                        delete from contacts
                        where (user_id = :a and contact_id = :b) or (user_id = :b and contact_id = :a)""")
                .bind("a", a)
                .bind("b", b)
                .execute() > 0;
    }

    List<PersonRow> contacts(Handle h, UUID me, String afterUsername, int limit) {
        return people(h, "contacts c join users u on u.id = c.contact_id where c.user_id = :me", me, afterUsername,
                      limit);
    }

    // --- blocks

    /** True when either user has blocked the other. */
    boolean blockedEitherWay(Handle h, UUID a, UUID b) {
        return h.createQuery("""
                        select exists (select 1 from blocks
                        where (blocker_id = :a and blocked_id = :b) or (blocker_id = :b and blocked_id = :a))""")
                .bind("a", a)
                .bind("b", b)
                .mapTo(Boolean.class)
                .one();
    }

    /** Answers whether the block is new. */
    boolean addBlock(Handle h, UUID blocker, UUID blocked) {
        return h.createUpdate("insert into blocks (blocker_id, blocked_id) values (:blocker, :blocked) "
                                      + "on conflict do nothing")
                .bind("blocker", blocker)
                .bind("blocked", blocked)
                .execute() > 0;
    }

    /** Answers whether there was a block. */
    boolean removeBlock(Handle h, UUID blocker, UUID blocked) {
        return h.createUpdate("delete from blocks where blocker_id = :blocker and blocked_id = :blocked")
                .bind("blocker", blocker)
                .bind("blocked", blocked)
                .execute() > 0;
    }

    List<PersonRow> blocks(Handle h, UUID me, String afterUsername, int limit) {
        return people(h, "blocks c join users u on u.id = c.blocked_id where c.blocker_id = :me", me, afterUsername,
                      limit);
    }

    private List<PersonRow> people(Handle h, String fromWhere, UUID me, String afterUsername, int limit) {
        return h.createQuery("select " + UserStore.COLUMNS + ", c.created_at since from " + fromWhere
                                     + " and u.username > :after order by u.username limit :limit")
                .bind("me", me)
                .bind("after", afterUsername)
                .bind("limit", limit)
                .map((rs, ctx) -> new PersonRow(UserStore.map(rs, ctx), instant(rs, "since")))
                .list();
    }

    private static RequestRow requestRow(ResultSet rs) throws SQLException {
        return new RequestRow(rs.getObject("id", UUID.class),
                              new PublicProfile(rs.getObject("from_user_id", UUID.class), rs.getString("f_username"),
                                                rs.getString("f_display_name"), rs.getString("f_avatar"),
                                                rs.getString("f_status")),
                              new PublicProfile(rs.getObject("to_user_id", UUID.class), rs.getString("t_username"),
                                                rs.getString("t_display_name"), rs.getString("t_avatar"),
                                                rs.getString("t_status")),
                              rs.getString("message"), rs.getString("status"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
