package io.wechat.media.accounts;

import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.Set;

import io.wechat.kit.events.EventEnvelope;
import io.wechat.media.catalog.Ids;
import io.wechat.media.catalog.MediaStore;
import io.wechat.media.catalog.UploadAllowance;
import io.wechat.media.storage.ObjectKeys;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * {@code user.deleted {userId}}: erases the media the user uploaded: every version of every object under their upload
 * prefix ({@code uploads/<userId>/}, the bucket is versioned, so a plain delete would only hide them), each one's
 * thumbnail, its record, and their outstanding-upload allowance. The upload prefix is the index: a reservation never
 * uploaded has no object, and its record expires with its reservation. Their media then answers 404 to everyone,
 * including the members of conversations where they sent it. Idempotent: a redelivery finds nothing left.
 */
public final class AccountDeletion {
    public static final String DELETED = "user.deleted";
    private static final System.Logger LOG = System.getLogger(AccountDeletion.class.getName());

    private final S3Client s3;
    private final String bucket;
    private final MediaStore store;
    private final UploadAllowance allowance;

    public AccountDeletion(S3Client s3, String bucket, MediaStore store, UploadAllowance allowance) {
        this.s3 = s3;
        this.bucket = bucket;
        this.store = store;
        this.allowance = allowance;
    }

    /** The deleted user's id: {@code payload.userId} of a {@code user.deleted} event. */
    public static String deletedUserId(EventEnvelope event) {
        String userId = event.payload().path("userId").asText(null);
        if (!Ids.isValid(userId)) {
            throw new IllegalArgumentException("payload.userId is missing or invalid");
        }
        return userId;
    }

    public void erase(String userId) {
        String prefix = ObjectKeys.upload(userId, "");
        Set<String> mediaIds = new LinkedHashSet<>();
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
            page.versions().forEach(v -> {
                mediaIds.add(v.key().substring(prefix.length()));
                s3.deleteObject(b -> b.bucket(bucket).key(v.key()).versionId(v.versionId()));
            });
            page.deleteMarkers().forEach(m -> s3.deleteObject(b -> b.bucket(bucket).key(m.key())
                    .versionId(m.versionId())));
        }
        for (String mediaId : mediaIds) {
            eraseThumbnail(mediaId);
            store.delete(mediaId);
        }
        allowance.forget(userId);
        LOG.log(Level.INFO, "Deleted account " + userId + ": erased " + mediaIds.size() + " media");
    }

    private void eraseThumbnail(String mediaId) {
        String thumbnail = ObjectKeys.thumbnail(mediaId);
        s3.listObjectVersions(b -> b.bucket(bucket).prefix(thumbnail)).versions().stream()
                .filter(v -> v.key().equals(thumbnail))
                .forEach(v -> s3.deleteObject(b -> b.bucket(bucket).key(v.key()).versionId(v.versionId())));
    }
}
