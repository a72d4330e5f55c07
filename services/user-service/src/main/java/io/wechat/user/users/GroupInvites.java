package io.wechat.user.users;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.ApiException;
import io.wechat.user.events.Transactor;

/**
 * A user's setting {@code groupInvites}: who may add the user to a group, {@code contacts} (the default: a
 * stranger cannot put someone in a group without their consent) or {@code everyone}; read and changed with the
 * profile ({@code GET} / {@code PATCH /users/me}). chat-service learns it
 * per caller through {@code canAddToGroups} on {@code GET /users/{userId}}.
 */
public final class GroupInvites {
    static final String CONTACTS = "contacts";
    static final String EVERYONE = "everyone";
    private static final Set<String> GROUP_INVITES = Set.of(CONTACTS, EVERYONE);

    private final Transactor db;
    private final Clock clock;

    public GroupInvites(Transactor db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    String groupInvites(UUID me) {
        return db.read(h -> h.createQuery("select group_invites from user_settings where user_id = :me")
                .bind("me", me).mapTo(String.class).findOne()).orElse(CONTACTS);
    }

    /** Applies the settings in a {@code PATCH /users/me} body (absent: unchanged); answers {@code groupInvites}. */
    String update(UUID me, JsonNode body) {
        JsonNode groupInvites = body.path("groupInvites");
        if (!body.has("groupInvites")) {
            return groupInvites(me);
        }
        if (!groupInvites.isTextual() || !GROUP_INVITES.contains(groupInvites.asText())) {
            throw ApiException.badRequest("invalid_group_invites", "groupInvites must be \"contacts\" or \"everyone\"");
        }
        db.inTransaction(tx -> tx.handle().createUpdate("""
                        insert into user_settings (user_id, group_invites, updated_at) values (:me, :value, :now)
                        on conflict (user_id) do update set group_invites = excluded.group_invites,
                                                            updated_at = excluded.updated_at""")
                .bind("me", me).bind("value", groupInvites.asText())
                .bind("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).execute());
        return groupInvites.asText();
    }

    /** Whether {@code viewer} may add {@code userId} to a group: themselves, anyone's who allows everyone, a contact's. */
    boolean canAddToGroups(UUID viewer, UUID userId) {
        return viewer.equals(userId) || db.read(h -> h.createQuery("""
                        select coalesce((select group_invites from user_settings where user_id = :id), 'contacts') = 'everyone'
                            or exists (select 1 from contacts where user_id = :id and contact_id = :viewer)""")
                .bind("id", userId).bind("viewer", viewer).mapTo(Boolean.class).one());
    }
}
