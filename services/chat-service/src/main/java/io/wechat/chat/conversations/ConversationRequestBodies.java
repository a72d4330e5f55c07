package io.wechat.chat.conversations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.wechat.chat.storage.Keys;
import io.wechat.kit.web.ApiException;

/** Request bodies of the conversation routes, validated on construction. */
final class ConversationRequestBodies {
    static final int MAX_TITLE = 100;
    /** 98: with the conversation item and the system message, one add fills a DynamoDB transaction (100 items). */
    static final int MAX_USER_IDS_PER_CALL = 98;

    private ConversationRequestBodies() {
    }

    /** {@code POST /conversations}: {@code memberIds} are the other members (the caller may be listed too). */
    record CreateConversation(String type, List<String> memberIds, String title) {
        CreateConversation {
            ConversationType kind = ConversationType.parse(type);
            memberIds = validUserIds(memberIds, "memberIds", 499 + 1);
            title = validTitle(title, false);
            if (kind == ConversationType.DIRECT && title != null) {
                throw ApiException.badRequest("invalid_title", "A direct conversation has no title");
            }
        }

        ConversationType kind() {
            return ConversationType.parse(type);
        }
    }

    static final int MAX_ANNOUNCEMENT = 2000;

    /**
     * {@code PATCH /conversations/{id}}: the fields to change, at least one; an empty {@code avatarMediaId} or
     * {@code announcement} clears it.
     */
    record UpdateGroup(String title, String avatarMediaId, String announcement) {
        UpdateGroup {
            if (title == null && avatarMediaId == null && announcement == null) {
                throw ApiException.badRequest("invalid_update", "Give at least one of title, avatarMediaId, announcement");
            }
            title = validTitle(title, false);
            if (avatarMediaId != null && !avatarMediaId.isEmpty() && !Keys.isValidId(avatarMediaId)) {
                throw ApiException.badRequest("invalid_avatar_media_id", "avatarMediaId is not a media id");
            }
            if (announcement != null) {
                announcement = announcement.strip();
                if (announcement.codePointCount(0, announcement.length()) > MAX_ANNOUNCEMENT) {
                    throw ApiException.badRequest("invalid_announcement",
                            "announcement must be at most " + MAX_ANNOUNCEMENT + " characters");
                }
            }
        }
    }

    /** {@code PATCH /conversations/{id}/members/{userId}}. */
    record ChangeRole(String role) {
        ChangeRole {
            Role.assignable(role);
        }

        Role parsed() {
            return Role.assignable(role);
        }
    }

    /** {@code PUT /conversations/{id}/settings}: the settings to change, at least one; the others stay. */
    record ChangeSettings(Boolean pinned, Boolean archived, Boolean muted) {
        ChangeSettings {
            if (pinned == null && archived == null && muted == null) {
                throw ApiException.badRequest("invalid_settings", "Give at least one of pinned, archived, muted");
            }
        }

        Member.Settings applyTo(Member.Settings current) {
            return new Member.Settings(pinned == null ? current.pinned() : pinned,
                    archived == null ? current.archived() : archived, muted == null ? current.muted() : muted);
        }
    }

    /** {@code POST /conversations/{id}/owner}. */
    record TransferOwnership(String userId) {
        TransferOwnership {
            if (!Keys.isValidId(userId)) {
                throw ApiException.badRequest("invalid_user_id", "userId must name a member");
            }
        }
    }

    /** {@code POST /conversations/{id}/members}. */
    record AddMembers(List<String> userIds) {
        AddMembers {
            userIds = validUserIds(userIds, "userIds", MAX_USER_IDS_PER_CALL);
            if (userIds.isEmpty()) {
                throw ApiException.badRequest("invalid_user_ids", "userIds must name at least one user");
            }
        }
    }

    static List<String> validUserIds(List<String> ids, String field, int max) {
        if (ids == null) {
            throw ApiException.badRequest("invalid_" + snake(field), field + " is required");
        }
        if (ids.size() > max) {
            throw ApiException.badRequest("too_many_members", field + " may list at most " + max + " users");
        }
        var unique = new LinkedHashSet<String>();
        for (String id : ids) {
            if (!Keys.isValidId(id)) {
                throw ApiException.badRequest("invalid_" + snake(field), field + " holds an invalid user id");
            }
            unique.add(id);
        }
        return List.copyOf(new ArrayList<>(unique));
    }

    static String validTitle(String title, boolean required) {
        if (title == null) {
            if (required) {
                throw ApiException.badRequest("invalid_title", "title is required");
            }
            return null;
        }
        String trimmed = title.strip();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_TITLE) {
            throw ApiException.badRequest("invalid_title", "title must be 1 to " + MAX_TITLE + " characters");
        }
        return trimmed;
    }

    private static String snake(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
