package io.wechat.user.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;

/**
 * What decides whether an account may have a session, and what its tokens may do: disabled or not, and its roles.
 */
final class Standings {
    /** Every user's scope; roles ({@code admin}) add theirs. */
    static final String USER_SCOPE = "user";

    private Standings() {
    }

    record Standing(boolean disabled, List<String> scopes) {
        Standing {
            scopes = List.copyOf(scopes);
        }
    }

    static Optional<Standing> of(Handle h, UUID userId) {
        return h.createQuery("""
                        select u.disabled_at is not null as disabled,
                               array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles
                        from users u where u.id = :id""")
                .bind("id", userId)
                .map((rs, ctx) -> {
                    List<String> scopes = new ArrayList<>(List.of(USER_SCOPE));
                    scopes.addAll(Arrays.asList((String[]) rs.getArray("roles").getArray()));
                    return new Standing(rs.getBoolean("disabled"), scopes);
                })
                .findOne();
    }

    /** Records activity (a login, a refresh), writing at most once per {@code granularity} per user. */
    static void touch(Handle h, UUID userId, Duration granularity) {
        h.createUpdate("""
                        update users set last_active_at = now()
                        where id = :id and (last_active_at is null
                                            or last_active_at < now() - make_interval(secs => :granularity))""")
                .bind("id", userId)
                .bind("granularity", granularity.toSeconds())
                .execute();
    }
}
