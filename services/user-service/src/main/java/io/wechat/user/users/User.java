package io.wechat.user.users;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An account as stored.
 */
public record User(UUID id, String username, String displayName, String passwordHash, String avatarMediaId,
                   String statusMessage, Instant createdAt, Instant updatedAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    public static User register(UUID id, String username, String displayName, String passwordHash, Instant now) {
        return new User(id, username, displayName, passwordHash, null, null, now, now);
    }

    public User withProfile(ProfileUpdate update, Instant now) {
        return new User(id, username, update.displayName().applyTo(displayName), passwordHash,
                        update.avatarMediaId().applyTo(avatarMediaId), update.statusMessage().applyTo(statusMessage),
                        createdAt, now);
    }

    public boolean sameProfileAs(User other) {
        return displayName.equals(other.displayName)
                && Objects.equals(avatarMediaId, other.avatarMediaId)
                && Objects.equals(statusMessage, other.statusMessage);
    }
}
