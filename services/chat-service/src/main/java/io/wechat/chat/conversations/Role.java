package io.wechat.chat.conversations;

/** A member's role: admins manage a group's members. */
public enum Role {
    ADMIN, MEMBER;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role parse(String value) {
        return "admin".equals(value) ? ADMIN : MEMBER;
    }
}
