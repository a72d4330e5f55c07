package io.wechat.media.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.wechat.media.verification.FileSignature;

/**
 * The content types clients may upload, each with the signature its bytes must have and its size limit:
 * images 20 MB, video 200 MB, documents and archives 100 MB.
 */
public final class AllowedTypes {
    public static final long MB = 1024L * 1024L;
    public static final long IMAGE_LIMIT = 20 * MB;
    public static final long VIDEO_LIMIT = 200 * MB;
    public static final long FILE_LIMIT = 100 * MB;

    /** One allowed content type. */
    public record AllowedType(String contentType, MediaKind kind, FileSignature signature, long maxBytes) {
    }

    private static final Map<String, AllowedType> TYPES = Map.ofEntries(
            image("image/jpeg", FileSignature.JPEG),
            image("image/png", FileSignature.PNG),
            image("image/gif", FileSignature.GIF),
            image("image/webp", FileSignature.WEBP),
            entry("video/mp4", MediaKind.VIDEO, FileSignature.MP4, VIDEO_LIMIT),
            file("application/pdf", FileSignature.PDF),
            file("application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileSignature.ZIP),
            file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileSignature.ZIP),
            file("application/vnd.openxmlformats-officedocument.presentationml.presentation", FileSignature.ZIP),
            file("application/msword", FileSignature.OLE2),
            file("application/vnd.ms-excel", FileSignature.OLE2),
            file("application/vnd.ms-powerpoint", FileSignature.OLE2),
            file("application/zip", FileSignature.ZIP),
            file("text/plain", FileSignature.TEXT));

    private AllowedTypes() {
    }

    /** The allowed type for a declared content type; parameters ({@code ; charset=...}) and case are ignored. */
    public static Optional<AllowedType> find(String contentType) {
        return contentType == null ? Optional.empty() : Optional.ofNullable(TYPES.get(normalize(contentType)));
    }

    public static String normalize(String contentType) {
        int semicolon = contentType.indexOf(';');
        String base = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return base.trim().toLowerCase(Locale.ROOT);
    }

    private static Map.Entry<String, AllowedType> image(String type, FileSignature signature) {
        return entry(type, MediaKind.IMAGE, signature, IMAGE_LIMIT);
    }

    private static Map.Entry<String, AllowedType> file(String type, FileSignature signature) {
        return entry(type, MediaKind.FILE, signature, FILE_LIMIT);
    }

    private static Map.Entry<String, AllowedType> entry(String type, MediaKind kind, FileSignature signature, long max) {
        return Map.entry(type, new AllowedType(type, kind, signature, max));
    }
}
