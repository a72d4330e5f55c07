package io.wechat.media.catalog;

/** Ids that reach keys and URLs: opaque, but limited to a safe alphabet and length. */
public final class Ids {
    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && id.matches("[A-Za-z0-9._:\\-]{1,128}");
    }
}
