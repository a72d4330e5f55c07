package io.wechat.chat.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

class TokensTest {
    @Test
    void latinWordsAreIndexedByTheirLowercasedPrefixes() {
        var tokens = Tokens.forIndex("Climbing, TOMORROW!");
        assertThat(tokens, hasItems("cl", "cli", "climb", "climbing", "to", "tomorrow"));
        assertThat(tokens, not(hasItem("c")));
        assertThat(tokens, not(hasItem("limb")));
    }

    @Test
    void chineseIsIndexedByCharactersAndOverlappingBigrams() {
        var tokens = Tokens.forIndex("我们明天去爬山吧");
        assertThat(tokens, hasItems("我", "我们", "明天", "天去", "爬山", "山", "吧"));
        assertThat(tokens, not(hasItem("我们明")));
        // Mixed text: the Latin word and the CJK run are apart.
        assertThat(Tokens.forIndex("去KTV唱歌"), hasItems("ktv", "唱歌", "去"));
    }

    @Test
    void aQueryNeedsEveryTermOfEachPiece() {
        List<Tokens.Piece> pieces = Tokens.forQuery("Climb 明天爬山 a 山");
        assertThat(pieces.size(), is(3));
        assertThat(pieces.get(0).terms(), contains("climb"));
        assertThat(pieces.get(1).terms(), contains("明天", "天爬", "爬山"));
        assertThat(pieces.get(2).terms(), contains("山"));
        assertThat(Tokens.forQuery("a ! ?").isEmpty(), is(true));
        assertThat(Tokens.forQuery("x".repeat(40)).getFirst().terms(), contains("x".repeat(Tokens.MAX_PREFIX)));
    }

    @Test
    void aMessageIsIndexedByABoundedNumberOfTokens() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("word").append(i).append(' ');
        }
        assertThat(Tokens.forIndex(text.toString()).size(), is(Tokens.MAX_TOKENS_PER_MESSAGE));
    }

    @Test
    void theSnippetMarksEveryPieceAndAHitNeedsEachWhole() {
        var snippet = Snippet.of("Let's go Climbing tomorrow, climbers!", Tokens.forQuery("climb")).orElseThrow();
        assertThat(snippet.text(), is("Let's go Climbing tomorrow, climbers!"));
        assertThat(snippet.highlights(), contains(new Snippet.Highlight(9, 5), new Snippet.Highlight(28, 5)));
        assertThat(Snippet.of("我们明天去爬山吧", Tokens.forQuery("爬山")).orElseThrow().highlights(),
                contains(new Snippet.Highlight(5, 2)));
        // Both bigrams are there, but not the run: no hit.
        assertThat(Snippet.of("山爬 and 爬山", Tokens.forQuery("山爬山")).isPresent(), is(false));
        // A word matches where a word begins only.
        assertThat(Snippet.of("unclimbable", Tokens.forQuery("climb")).isPresent(), is(false));

        String longText = "x ".repeat(100) + "needle" + " y".repeat(100);
        var cut = Snippet.of(longText, Tokens.forQuery("needle")).orElseThrow();
        assertThat(cut.text().startsWith("…"), is(true));
        var mark = cut.highlights().getFirst();
        assertThat(cut.text().substring(mark.start(), mark.start() + mark.length()), is("needle"));
    }
}
