package io.wechat.user.users;

import java.util.UUID;

import io.wechat.kit.web.Times;

/**
 * Views of an account: what its owner sees and what everyone else sees.
 */
public final class Profiles {
    private Profiles() {
    }

    public record OwnProfile(UUID userId, String username, String displayName, String avatarMediaId,
                             String statusMessage, String createdAt, String updatedAt) {
        static OwnProfile of(User user) {
            return new OwnProfile(user.id(), user.username(), user.displayName(), user.avatarMediaId(),
                                  user.statusMessage(), Times.format(user.createdAt()), Times.format(user.updatedAt()));
        }
    }

    public record PublicProfile(UUID userId, String username, String displayName, String avatarMediaId,
                                String statusMessage) {
        public static PublicProfile of(User user) {
            return new PublicProfile(user.id(), user.username(), user.displayName(), user.avatarMediaId(),
                                     user.statusMessage());
        }
    }
}
