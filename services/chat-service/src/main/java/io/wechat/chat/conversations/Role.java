package io.wechat.chat.conversations;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.wechat.kit.web.ApiException;

/** A member's role in a group: one owner, who names admins; the owner and admins manage members and settings. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored value; anything unknown is a plain member. */
    public static Role parse(String value) {
        return switch (value == null ? "" : value) {
            case "owner" -> OWNER;
            case "admin" -> ADMIN;
            default -> MEMBER;
        };
    }

    /** A role the owner may give with {@code PATCH /conversations/{id}/members/{userId}}: admin or member. */
    static Role assignable(String value) {
        if ("admin".equals(value)) {
            return ADMIN;
        }
        if ("member".equals(value)) {
            return MEMBER;
        }
        throw ApiException.badRequest("invalid_role",
                "role must be \"admin\" or \"member\"; ownership moves with POST /conversations/{id}/owner");
    }

    /** The owner and admins add and remove members and change the title, avatar and announcement. */
    boolean manages() {
        return this != MEMBER;
    }

    /**
     * The group's owner. Groups created before owners existed recorded none: their earliest admin is the owner (the
     * creator, unless the creator left), so no stored item needs rewriting.
     */
    static Optional<Member> owner(List<Member> members) {
        return members.stream().filter(m -> m.role() == OWNER).findFirst()
                .or(() -> members.stream().filter(m -> m.role() == ADMIN).min(Comparator.comparing(Member::joinedAt)));
    }

    /** Who takes over when the owner leaves: the longest-standing admin, else the longest-standing member. */
    static Optional<Member> heir(List<Member> remaining) {
        Comparator<Member> seniority = Comparator.comparing(Member::joinedAt).thenComparing(Member::userId);
        return remaining.stream().filter(m -> m.role() == ADMIN).min(seniority)
                .or(() -> remaining.stream().min(seniority));
    }
}
