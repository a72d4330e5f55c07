package io.wechat.media.catalog;

import java.text.Normalizer;

/**
 * Makes a client's file name safe to store and to show: no path, no control or reserved characters,
 * at most 200 characters (extension kept), never empty.
 */
public final class FileNames {
    static final int MAX_LENGTH = 200;
    private static final String FALLBACK = "file";

    private FileNames() {
    }

    public static String sanitize(String name) {
        if (name == null) {
            return FALLBACK;
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        Normalizer.normalize(base, Normalizer.Form.NFC).codePoints().forEach(cp -> {
            boolean control = Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT;
            boolean reserved = "<>:\"|?*".indexOf(cp) >= 0;
            clean.appendCodePoint(control || reserved ? '_' : cp);
        });
        String trimmed = clean.toString().strip().replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (trimmed.isEmpty()) {
            return FALLBACK;
        }
        return truncate(trimmed);
    }

    private static String truncate(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        int keep = MAX_LENGTH - extension.codePointCount(0, extension.length());
        return name.substring(0, name.offsetByCodePoints(0, keep)) + extension;
    }
}
