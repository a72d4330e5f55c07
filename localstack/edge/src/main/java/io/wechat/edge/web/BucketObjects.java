package io.wechat.edge.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The web bucket's objects as CloudFront's origin fetch sees them: read with GetObject only (what origin access
 * control grants), kept for a short time, then revalidated with the ETag (S3 answers 304 when nothing changed), so
 * that a new upload shows within the TTL without the edge fetching every file on every request.
 */
public final class BucketObjects {
    /** Larger objects are served but not kept; the app's files are far smaller. */
    static final int MAX_CACHED_BYTES = 4 * 1024 * 1024;
    /** Bounds the cache's memory: past this many keys it starts over. */
    static final int MAX_ENTRIES = 1024;

    /** An object of the bucket with what CloudFront passes on to viewers. */
    public record StoredObject(byte[] body, String etag, String contentType, String cacheControl, Instant lastModified) {
    }

    private record Entry(Optional<StoredObject> object, Instant checkedAt) {
    }

    private final S3Client s3;
    private final String bucket;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public BucketObjects(S3Client s3, String bucket, Duration ttl, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The object under key, or empty when the bucket has none; an S3 failure other than a missing key is thrown. */
    public Optional<StoredObject> get(String key) {
        Instant now = clock.instant();
        Entry cached = cache.get(key);
        if (cached != null && now.isBefore(cached.checkedAt().plus(ttl))) {
            return cached.object();
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        cached = cached != null && cached.object().isPresent() ? cached : null;
        if (cached != null) {
            request.ifNoneMatch(cached.object().get().etag());
        }
        Optional<StoredObject> object;
        try {
            ResponseBytes<GetObjectResponse> response = s3.getObjectAsBytes(request.build());
            GetObjectResponse meta = response.response();
            object = Optional.of(new StoredObject(response.asByteArray(), meta.eTag(), meta.contentType(),
                                                  meta.cacheControl(), meta.lastModified()));
        } catch (S3Exception e) {
            if (e.statusCode() == 304 && cached != null) {
                object = cached.object();
            } else if (e.statusCode() == 404 || e.statusCode() == 403) {
                // Without s3:ListBucket, S3 answers 403 for a missing key: CloudFront sees both alike.
                object = Optional.empty();
            } else {
                throw e;
            }
        }
        if (object.isEmpty() || object.get().body().length <= MAX_CACHED_BYTES) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(key, new Entry(object, now));
        } else {
            cache.remove(key);
        }
        return object;
    }
}
