package io.wechat.user.users;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.jdbi.v3.core.Handle;

/**
 * The usernames of deleted accounts, held for {@code holdFor} (30 days) before anyone may register them again, so
 * nobody can pose as the deleted person to their contacts at once. Deletion and registration of one name are
 * serialised by a transaction-scoped advisory lock on the name, so a registration never slips between a deletion's
 * removal of the account and its tombstone.
 */
public final class UsernameTombstones {
    private final Clock clock;
    private final Duration holdFor;

    public UsernameTombstones(Clock clock, Duration holdFor) {
        this.clock = clock;
        this.holdFor = holdFor;
    }

    /** Takes the name's lock for the rest of the transaction. */
    public void lock(Handle h, String username) {
        h.createQuery("select 1 from pg_advisory_xact_lock(hashtext('username:' || :username))")
                .bind("username", username)
                .mapTo(Integer.class)
                .one();
    }

    /** Holds the name of an account being deleted in the same transaction (from now for {@code holdFor}). */
    public void hold(Handle h, String username) {
        h.createUpdate("""
                        insert into username_tombstones (username, released_at) values (:username, :releasedAt)
                        on conflict (username) do update set released_at = excluded.released_at""")
                .bind("username", username)
                .bind("releasedAt", clock.instant().plus(holdFor).atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** Whether the name is still held; a released tombstone is removed on the way. Call with {@link #lock} taken. */
    public boolean held(Handle h, String username) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        h.createUpdate("delete from username_tombstones where username = :username and released_at <= :now")
                .bind("username", username)
                .bind("now", now)
                .execute();
        return h.createQuery("select exists (select 1 from username_tombstones where username = :username)")
                .bind("username", username)
                .mapTo(Boolean.class)
                .one();
    }
}
