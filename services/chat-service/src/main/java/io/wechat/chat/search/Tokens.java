package io.wechat.chat.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How text becomes index tokens and a query becomes terms. Chinese, Japanese and Korean have no spaces between
 * words: a run of their characters is indexed as each character and each overlapping pair of characters (bigrams), so
 * any word of one or more characters is found. Other text is split into words at anything that is not a letter or a
 * digit, lowercased, and indexed by every prefix of 2 to {@value #MAX_PREFIX} characters, so a query word finds the
 * words it begins. A query term is a lowercased word (its first {@value #MAX_PREFIX} characters), a single CJK
 * character, or the bigrams of a CJK run; a hit has every term, and its text is checked for each query piece whole
 * (a CJK run's bigrams may occur apart).
 */
public final class Tokens {
    static final int MAX_PREFIX = 16;
    /** The most distinct tokens one message is indexed by (its first ones): a bound on the writes per message. */
    static final int MAX_TOKENS_PER_MESSAGE = 400;

    private Tokens() {
    }

    /** A piece of a query: a word, or a run of CJK characters; {@code terms} are the index tokens it needs. */
    record Piece(String text, boolean cjk, List<String> terms) {
    }

    /** The distinct tokens {@code text} is indexed by, at most {@value #MAX_TOKENS_PER_MESSAGE}. */
    static Set<String> forIndex(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        for (Piece piece : pieces(text)) {
            if (piece.cjk()) {
                int[] chars = piece.text().codePoints().toArray();
                for (int i = 0; i < chars.length; i++) {
                    tokens.add(new String(chars, i, 1));
                    if (i + 1 < chars.length) {
                        tokens.add(new String(chars, i, 2));
                    }
                }
            } else {
                int[] chars = piece.text().codePoints().toArray();
                for (int length = 2; length <= Math.min(MAX_PREFIX, chars.length); length++) {
                    tokens.add(new String(chars, 0, length));
                }
            }
            if (tokens.size() >= MAX_TOKENS_PER_MESSAGE) {
                break;
            }
        }
        return tokens.stream().limit(MAX_TOKENS_PER_MESSAGE).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The pieces of a query that can be searched: CJK runs, and words of at least 2 characters. */
    static List<Piece> forQuery(String query) {
        List<Piece> searchable = new ArrayList<>();
        for (Piece piece : pieces(query)) {
            if (piece.cjk() || piece.text().codePointCount(0, piece.text().length()) >= 2) {
                searchable.add(piece);
            }
        }
        return searchable;
    }

    /** The words (lowercased) and CJK runs of {@code text}, with the terms a query needs for each. */
    private static List<Piece> pieces(String text) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean currentCjk = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            boolean cjk = isCjk(codePoint);
            boolean word = !cjk && Character.isLetterOrDigit(codePoint);
            if ((!cjk && !word) || (!current.isEmpty() && cjk != currentCjk)) {
                flush(current, currentCjk, pieces);
            }
            if (cjk || word) {
                current.appendCodePoint(cjk ? codePoint : Character.toLowerCase(codePoint));
                currentCjk = cjk;
            }
        }
        flush(current, currentCjk, pieces);
        return pieces;
    }

    private static void flush(StringBuilder current, boolean cjk, List<Piece> pieces) {
        if (current.isEmpty()) {
            return;
        }
        String text = current.toString();
        current.setLength(0);
        int[] chars = text.codePoints().toArray();
        List<String> terms = new ArrayList<>();
        if (!cjk) {
            terms.add(new String(chars, 0, Math.min(MAX_PREFIX, chars.length)));
        } else if (chars.length == 1) {
            terms.add(text);
        } else {
            for (int i = 0; i + 1 < chars.length; i++) {
                terms.add(new String(chars, i, 2));
            }
        }
        pieces.add(new Piece(text, cjk, List.copyOf(new LinkedHashSet<>(terms))));
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** Lowercase as the index does (per code point, locale-independent). */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(c)));
        return folded.toString();
    }
}
