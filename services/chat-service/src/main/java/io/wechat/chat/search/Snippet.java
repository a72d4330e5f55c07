package io.wechat.chat.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a message's text around its first match, with every match in it marked by offsets (UTF-16 code units
 * of {@code text}, as JavaScript strings count), so that clients highlight without parsing markup.
 */
public record Snippet(String text, List<Highlight> highlights) {
    static final int BEFORE = 30;
    static final int LENGTH = 140;

    /** A marked range of the snippet's text. */
    public record Highlight(int start, int length) {
    }

    /** The snippet of {@code text} for the query's pieces; empty unless every piece occurs in it. */
    static Optional<Snippet> of(String text, List<Tokens.Piece> pieces) {
        String folded = Tokens.fold(text);
        boolean aligned = folded.length() == text.length();
        List<Highlight> matches = new ArrayList<>();
        for (Tokens.Piece piece : pieces) {
            List<Highlight> found = piece.cjk() ? occurrences(text, piece.text(), false)
                    : occurrences(folded, piece.text(), true);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            matches.addAll(found);
        }
        matches.sort((a, b) -> Integer.compare(a.start(), b.start()));
        if (!aligned) {
            return Optional.of(new Snippet(cut(text, 0, Math.min(text.length(), LENGTH)), List.of()));
        }
        int from = boundary(text, Math.max(0, matches.getFirst().start() - BEFORE));
        int to = boundary(text, Math.min(text.length(), from + LENGTH));
        String prefix = from > 0 ? "…" : "";
        String window = prefix + text.substring(from, to) + (to < text.length() ? "…" : "");
        List<Highlight> shown = new ArrayList<>();
        int lastEnd = -1;
        for (Highlight match : matches) {
            int start = match.start() - from;
            int end = Math.min(match.start() + match.length(), to) - from;
            if (start < 0 || start >= to - from || start < lastEnd) {
                continue;
            }
            shown.add(new Highlight(start + prefix.length(), end - start));
            lastEnd = end;
        }
        return Optional.of(new Snippet(window, List.copyOf(shown)));
    }

    /** Where {@code needle} occurs in {@code haystack}; {@code wordStart}: only at the start of a word. */
    private static List<Highlight> occurrences(String haystack, String needle, boolean wordStart) {
        List<Highlight> found = new ArrayList<>();
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
            if (!wordStart || at == 0 || !Character.isLetterOrDigit(haystack.codePointBefore(at))
                    || Tokens.isCjk(haystack.codePointBefore(at))) {
                found.add(new Highlight(at, needle.length()));
            }
        }
        return found;
    }

    /** Never cut a surrogate pair in two. */
    private static int boundary(String text, int index) {
        return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }

    private static String cut(String text, int from, int to) {
        return text.substring(from, boundary(text, to)) + (to < text.length() ? "…" : "");
    }
}
