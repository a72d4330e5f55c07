package io.wechat.user.users;

import java.util.UUID;

import io.wechat.kit.web.Times;

/**
 * Views of an account: what its owner sees and what everyone else sees.
 */
public final class Profiles {
    private Profiles() {
    }

    /** {@code groupInvites}: who may add the owner to a group, see {@link Settings}. */
    public record OwnProfile(UUID userId, String username, String displayName, String avatarMediaId,
                             String statusMessage, String groupInvites, String createdAt, String updatedAt) {
        static OwnProfile of(User user) {
            return new OwnProfile(user.id(), user.username(), user.displayName(), user.avatarMediaId(),
                                  user.statusMessage(), null, Times.format(user.createdAt()), Times.format(user.updatedAt()));
        }

        OwnProfile withGroupInvites(String value) {
            return new OwnProfile(userId, username, displayName, avatarMediaId, statusMessage, value, createdAt,
                                  updatedAt);
        }
    }

    /** The public profile as one viewer sees it: also whether the viewer may add this user to a group. */
    public record ViewedProfile(UUID userId, String username, String displayName, String avatarMediaId,
                                String statusMessage, boolean canAddToGroups) {
        static ViewedProfile of(PublicProfile profile, boolean canAddToGroups) {
            return new ViewedProfile(profile.userId(), profile.username(), profile.displayName(),
                                     profile.avatarMediaId(), profile.statusMessage(), canAddToGroups);
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
