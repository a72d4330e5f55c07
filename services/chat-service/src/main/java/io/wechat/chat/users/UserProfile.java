package io.wechat.chat.users;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The public profile user-service answers at {@code GET /users/{userId}}, as the calling user sees it:
 * {@code canAddToGroups} says whether that caller may add the user to a group (absent: no).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserProfile(String userId, String username, String displayName, String avatarMediaId,
                          Boolean canAddToGroups) {
    /** The name shown for a user who deleted their account, wherever their messages and memberships remain. */
    public static final String DELETED_NAME = "Deleted user";

    public UserProfile {
        Objects.requireNonNull(userId, "userId");
    }

    public boolean mayBeAddedToGroupsByCaller() {
        return Boolean.TRUE.equals(canAddToGroups);
    }

    /** What to show for this user: the display name, else the username, else the id. */
    public String shownName() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return username != null && !username.isBlank() ? username : userId;
    }
}
