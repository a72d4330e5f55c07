package io.wechat.media.storage;

import java.util.Optional;

/**
 * Where media lives in the bucket: originals at {@code uploads/<ownerId>/<mediaId>}, thumbnails at
 * {@code thumbnails/<mediaId>.jpg}. Only {@code uploads/} objects are verified when S3 reports them.
 */
public final class ObjectKeys {
    public static final String UPLOADS = "uploads/";
    public static final String THUMBNAILS = "thumbnails/";

    /** The owner and media id an upload key names. */
    public record UploadKey(String ownerId, String mediaId) {
    }

    private ObjectKeys() {
    }

    public static String upload(String ownerId, String mediaId) {
        return UPLOADS + ownerId + "/" + mediaId;
    }

    public static String thumbnail(String mediaId) {
        return THUMBNAILS + mediaId + ".jpg";
    }

    /** The upload a key names; empty for thumbnails and anything else in the bucket. */
    public static Optional<UploadKey> parseUpload(String key) {
        if (key == null || !key.startsWith(UPLOADS)) {
            return Optional.empty();
        }
        String rest = key.substring(UPLOADS.length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new UploadKey(rest.substring(0, slash), rest.substring(slash + 1)));
    }
}
