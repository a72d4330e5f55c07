package io.wechat.user.contacts;

import java.util.UUID;

import io.wechat.user.users.Profiles.PublicProfile;

/**
 * What the contacts routes answer.
 */
final class ContactViews {
    private ContactViews() {
    }

    /** A friend request as seen by one of its two users; {@code direction} is incoming or outgoing for the viewer. */
    record ContactRequestView(UUID requestId, String direction, PublicProfile fromUser, PublicProfile toUser,
                              String message, String status, String createdAt) {
    }

    record ContactView(UUID userId, String username, String displayName, String avatarMediaId,
                       String statusMessage, String since) {
    }

    record BlockView(UUID userId, String username, String displayName, String avatarMediaId, String blockedAt) {
    }
}
