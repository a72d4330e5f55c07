package io.wechat.chat.users;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The public profile user-service answers at {@code GET /users/{userId}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserProfile(String userId, String username, String displayName, String avatarMediaId) {
    public UserProfile {
        Objects.requireNonNull(userId, "userId");
    }

    /** What to show for this user: the display name, else the username, else the id. */
    public String shownName() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return username != null && !username.isBlank() ? username : userId;
    }
}
