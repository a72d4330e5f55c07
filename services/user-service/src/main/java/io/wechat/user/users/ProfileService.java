package io.wechat.user.users;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import io.wechat.kit.web.ApiException;
import io.wechat.user.events.Transactor;
import io.wechat.user.events.UserEvents;
import io.wechat.user.users.Profiles.OwnProfile;
import io.wechat.user.users.Profiles.PublicProfile;
import io.wechat.user.web.Json;
import io.wechat.user.web.Cursor;
import io.wechat.user.web.Page;
import io.wechat.user.web.PageRequest;

/**
 * Profiles: reading one's own and others', changing one's own, and searching by prefix.
 */
public final class ProfileService {
    private static final int MAX_SEARCH_LENGTH = 64;

    private final Transactor db;
    private final UserStore users;
    private final Clock clock;

    public ProfileService(Transactor db, UserStore users, Clock clock) {
        this.db = db;
        this.users = users;
        this.clock = clock;
    }

    public OwnProfile me(UUID me) {
        return OwnProfile.of(db.read(h -> users.findById(h, me)).orElseThrow(ProfileService::notFound));
    }

    /** 404 also when the user has blocked the viewer: a block must not be observable. */
    public PublicProfile profile(UUID viewer, UUID userId) {
        return PublicProfile.of(db.read(h -> users.findVisible(h, userId, viewer)).orElseThrow(ProfileService::notFound));
    }

    public OwnProfile update(UUID me, ProfileUpdate update) {
        User updated = db.inTransaction(tx -> {
            User current = users.lockById(tx.handle(), me).orElseThrow(ProfileService::notFound);
            User changed = current.withProfile(update, clock.instant());
            if (changed.sameProfileAs(current)) {
                return current;
            }
            users.updateProfile(tx.handle(), changed);
            tx.emit(UserEvents.profileUpdated(changed.id(), changed.username(), changed.displayName(),
                                              changed.avatarMediaId(), changed.statusMessage()));
            return changed;
        });
        return OwnProfile.of(updated);
    }

    public Page<PublicProfile> search(UUID viewer, String query, PageRequest page) {
        String prefix = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (prefix.isEmpty() || prefix.length() > MAX_SEARCH_LENGTH) {
            throw ApiException.badRequest("invalid_search", "search must be 1-" + MAX_SEARCH_LENGTH + " characters");
        }
        if (!Json.storable(prefix)) {
            throw ApiException.badRequest("invalid_search", "search must not contain NUL or unpaired surrogates");
        }
        String after = page.decodedCursor(1).map(c -> c.part(0)).orElse("");
        return Page.of(db.read(h -> users.search(h, viewer, prefix, after, page.limit() + 1)), page.limit(),
                       user -> Cursor.of(user.username()))
                .map(PublicProfile::of);
    }

    static ApiException notFound() {
        return ApiException.notFound("user_not_found", "user not found");
    }
}
