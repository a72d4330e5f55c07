package io.wechat.chat.reactions;

import java.util.Optional;

/**
 * The fixed set of reactions, each an emoji on the wire and a top-level string-set attribute of the message item
 * ({@code reacted_<name>}: the user ids who reacted so), so that adding and removing a reaction are set operations,
 * idempotent and race-free without a read.
 */
public enum ReactionType {
    THUMBS_UP("\uD83D\uDC4D"),
    HEART("\u2764\uFE0F"),
    LAUGH("\uD83D\uDE02"),
    WOW("\uD83D\uDE2E"),
    SAD("\uD83D\uDE22"),
    PRAY("\uD83D\uDE4F");

    private static final String VARIATION_SELECTOR = "\uFE0F";
    private final String emoji;

    ReactionType(String emoji) {
        this.emoji = emoji;
    }

    public String emoji() {
        return emoji;
    }

    /** The message item's attribute holding who reacted so. */
    public String attribute() {
        return "reacted_" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The reaction for an emoji; a missing emoji variation selector (U+FE0F), as some keyboards send it, is accepted. */
    public static Optional<ReactionType> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String bare = value.replace(VARIATION_SELECTOR, "");
        for (ReactionType type : values()) {
            if (type.emoji.replace(VARIATION_SELECTOR, "").equals(bare)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
