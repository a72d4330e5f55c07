package io.wechat.media.catalog;

import java.util.Objects;
import java.util.Set;

/**
 * A media record as stored. {@code versionId} is the S3 object version that was verified (null while
 * pending, or when the bucket is not versioned); {@code eventPublished} tells whether the media.ready or
 * media.rejected event went out, so that a redelivered S3 event can finish the job. {@code sharedWith}: the
 * conversations it was forwarded to (chat-service's {@code media.shared}), whose members may read it too.
 */
public record Media(String mediaId, String ownerId, MediaStatus status, String contentType, long sizeBytes,
                    String fileName, String conversationId, String objectKey, String versionId,
                    String thumbnailKey, Integer width, Integer height, String rejectionReason,
                    String createdAt, String updatedAt, boolean eventPublished, Set<String> sharedWith) {
    public Media {
        sharedWith = sharedWith == null ? Set.of() : Set.copyOf(sharedWith);
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(objectKey, "objectKey");
    }

    public boolean ownedBy(String userId) {
        return ownerId.equals(userId);
    }
}
