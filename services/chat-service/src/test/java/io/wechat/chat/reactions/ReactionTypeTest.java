package io.wechat.chat.reactions;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The reactions on the wire (an emoji) and in the message item (a {@code reacted_<name>} attribute). */
class ReactionTypeTest {
    @Test
    void eachEmojiNamesItsReaction() {
        for (ReactionType type : ReactionType.values()) {
            assertThat(type.name(), ReactionType.of(type.emoji()), is(Optional.of(type)));
        }
        assertThat(ReactionType.of("\uD83D\uDC4D"), is(Optional.of(ReactionType.THUMBS_UP)));
        assertThat(ReactionType.of("\u2764\uFE0F"), is(Optional.of(ReactionType.HEART)));
    }

    @Test
    void aHeartWithoutItsVariationSelectorIsStillAHeart() {
        assertThat(ReactionType.of("\u2764"), is(Optional.of(ReactionType.HEART)));
    }

    @Test
    void anythingElseIsNoReaction() {
        for (String value : new String[] {null, "", "heart", "\uD83D\uDC4E", "\u2764\u2764", "\uD83D\uDC4D\uD83D\uDC4D"}) {
            assertThat(String.valueOf(value), ReactionType.of(value), is(Optional.empty()));
        }
    }

    @Test
    void eachReactionHasItsOwnAttribute() {
        assertThat(ReactionType.THUMBS_UP.attribute(), is("reacted_thumbs_up"));
        assertThat(ReactionType.PRAY.attribute(), is("reacted_pray"));
        assertThat(ReactionType.HEART.emoji(), is("\u2764\uFE0F"));
    }
}
