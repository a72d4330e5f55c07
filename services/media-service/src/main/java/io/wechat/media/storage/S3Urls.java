package io.wechat.media.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * SigV4 presigned URLs for the media bucket. The PUT is signed over Content-Type and Content-Length, so
 * S3 refuses an upload of another type or size; the bucket's default encryption applies without a header.
 */
public final class S3Urls implements DownloadUrls {
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration uploadTtl;
    private final Duration downloadTtl;
    private final Clock clock;

    public S3Urls(S3Presigner presigner, String bucket, Duration uploadTtl, Duration downloadTtl, Clock clock) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.uploadTtl = uploadTtl;
        this.downloadTtl = downloadTtl;
        this.clock = clock;
    }

    public PresignedUpload upload(String key, String contentType, long sizeBytes) {
        Instant expiresAt = clock.instant().plus(uploadTtl);
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p.signatureDuration(uploadTtl)
                .putObjectRequest(put -> put.bucket(bucket).key(key).contentType(contentType).contentLength(sizeBytes)));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        // The client sends every signed header but Host, which its HTTP library derives from the URL.
        presigned.signedHeaders().forEach((name, values) -> {
            if (!"host".equalsIgnoreCase(name)) {
                headers.put(canonical(name), String.join(",", values));
            }
        });
        return new PresignedUpload(presigned.url().toString(), Map.copyOf(headers), expiresAt);
    }

    @Override
    public SignedUrl download(String key, String versionId) {
        Instant expiresAt = clock.instant().plus(downloadTtl);
        PresignedGetObjectRequest presigned = presigner.presignGetObject(p -> p.signatureDuration(downloadTtl)
                .getObjectRequest(get -> get.bucket(bucket).key(key).versionId(versionId)));
        return new SignedUrl(presigned.url().toString(), expiresAt);
    }

    /** "content-type" -> "Content-Type", as clients write headers. */
    private static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }
}
