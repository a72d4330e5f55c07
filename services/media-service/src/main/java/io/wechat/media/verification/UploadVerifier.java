package io.wechat.media.verification;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.wechat.kit.web.Times;
import io.wechat.media.events.EventPublisher;
import io.wechat.media.catalog.AllowedTypes;
import io.wechat.media.catalog.Media;
import io.wechat.media.catalog.MediaKind;
import io.wechat.media.catalog.MediaStatus;
import io.wechat.media.catalog.MediaStore;
import io.wechat.media.catalog.UploadAllowance;
import io.wechat.media.storage.ObjectKeys;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Verifies an uploaded object when S3 reports it: the size must be the declared size and the magic bytes
 * the declared type's, else the object is deleted and the media {@code rejected}; images get a thumbnail;
 * then the media is {@code ready}. The status change is conditional on {@code pending}, so redelivered
 * events change nothing; they only publish the event again when its publication had failed.
 */
public final class UploadVerifier {
    private static final System.Logger LOG = System.getLogger(UploadVerifier.class.getName());
    /** Rejected records stay readable by their owner (with the reason) this long. */
    private static final Duration REJECTED_TTL = Duration.ofDays(7);
    private final S3Client s3;
    private final String bucket;
    private final MediaStore store;
    private final UploadAllowance allowance;
    private final EventPublisher events;
    private final Clock clock;

    public UploadVerifier(S3Client s3, String bucket, MediaStore store, UploadAllowance allowance, EventPublisher events,
                          Clock clock) {
        this.allowance = allowance;
        this.s3 = s3;
        this.bucket = bucket;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Handles one ObjectCreated record. Throws when the work could not be done (S3, DynamoDB or SNS failed),
     * so that the SQS message is redelivered.
     *
     * @param versionId the version the event reports, or null when the bucket is not versioned
     */
    public void objectCreated(String eventBucket, String key, String versionId) {
        if (!bucket.equals(eventBucket)) {
            LOG.log(Level.WARNING, "Ignoring an object of bucket " + eventBucket + ": " + key);
            return;
        }
        Optional<ObjectKeys.UploadKey> upload = ObjectKeys.parseUpload(key);
        if (upload.isEmpty()) {
            return;
        }
        Optional<Media> found = store.find(upload.get().mediaId());
        if (found.isEmpty() || !found.get().objectKey().equals(key)) {
            LOG.log(Level.WARNING, "Deleting " + key + ": no upload was reserved for it (or it expired)");
            delete(key, versionId);
            return;
        }
        Media media = found.get();
        if (media.status() != MediaStatus.PENDING) {
            alreadyDecided(media, versionId);
            return;
        }
        verify(media);
    }

    private void verify(Media media) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(media.objectKey()));
        } catch (NoSuchKeyException e) {
            LOG.log(Level.INFO, "Object " + media.objectKey() + " is gone; the reservation will expire");
            return;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                LOG.log(Level.INFO, "Object " + media.objectKey() + " is gone; the reservation will expire");
                return;
            }
            throw e;
        }
        String version = head.versionId();
        if (head.contentLength() == null || head.contentLength() != media.sizeBytes()) {
            reject(media, version, "size_mismatch");
            return;
        }
        var allowed = AllowedTypes.find(media.contentType()).orElseThrow();
        FileSignature signature = ContentSniffer.sniff(head(media, version));
        if (signature != allowed.signature()) {
            reject(media, version, "type_mismatch");
            return;
        }
        Thumbnails.Thumbnail thumbnail = null;
        if (allowed.kind() == MediaKind.IMAGE) {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(media.objectKey()).versionId(version)).asByteArray();
            try {
                thumbnail = Thumbnails.create(bytes).orElse(null);
            } catch (IOException | RuntimeException e) {
                reject(media, version, "undecodable_image");
                return;
            }
            if (thumbnail == null) {
                LOG.log(Level.WARNING, "No image reader for " + media.contentType() + ": " + media.mediaId() + " gets no thumbnail");
            }
        }
        String thumbnailKey = null;
        if (thumbnail != null) {
            thumbnailKey = ObjectKeys.thumbnail(media.mediaId());
            byte[] jpeg = thumbnail.jpeg();
            String thumbKey = thumbnailKey;
            s3.putObject(b -> b.bucket(bucket).key(thumbKey).contentType("image/jpeg").contentLength((long) jpeg.length),
                    RequestBody.fromBytes(jpeg));
        }
        Integer width = thumbnail == null ? null : thumbnail.originalWidth();
        Integer height = thumbnail == null ? null : thumbnail.originalHeight();
        if (store.markReady(media.mediaId(), version, thumbnailKey, width, height, Times.format(clock.instant()))) {
            allowance.release(media.ownerId(), media.mediaId());
            publish(store.find(media.mediaId()).orElseThrow());
        } else {
            store.find(media.mediaId()).ifPresent(current -> alreadyDecided(current, null));
        }
    }

    /** The first bytes of the object (all of it when it is smaller). */
    private byte[] head(Media media, String version) {
        long last = Math.min(media.sizeBytes(), ContentSniffer.HEAD_BYTES) - 1;
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(media.objectKey()).versionId(version)
                .range("bytes=0-" + last)).asByteArray();
    }

    /** Deletes first, then records the decision: a failed delete is retried by the redelivered event. */
    private void reject(Media media, String version, String reason) {
        LOG.log(Level.INFO, "Rejecting media " + media.mediaId() + ": " + reason);
        delete(media.objectKey(), version);
        var now = clock.instant();
        if (store.markRejected(media.mediaId(), reason, Times.format(now), now.plus(REJECTED_TTL))) {
            allowance.release(media.ownerId(), media.mediaId());
            publish(store.find(media.mediaId()).orElseThrow());
        }
    }

    /**
     * A redelivery, or a second PUT to the same presigned URL after verification: an unverified version of
     * a ready media is deleted, so that what is served stays what was verified; a missed event is published.
     */
    private void alreadyDecided(Media media, String eventVersion) {
        if (media.status() == MediaStatus.READY && eventVersion != null && media.versionId() != null
                && !Objects.equals(eventVersion, media.versionId())) {
            LOG.log(Level.WARNING, "Deleting unverified version " + eventVersion + " of " + media.objectKey());
            delete(media.objectKey(), eventVersion);
        }
        if (media.status() == MediaStatus.REJECTED && eventVersion != null) {
            delete(media.objectKey(), eventVersion);
        }
        if (!media.eventPublished()) {
            publish(media);
        }
    }

    /**
     * Publishes the decision, then records that it was: a crash in between publishes it again from the redelivered S3
     * event, as the same event (its id and time derived from the media), which consumers dedupe on {@code eventId}.
     */
    private void publish(Media media) {
        if (media.status() == MediaStatus.READY) {
            events.publish(MediaEvents.envelope(MediaEvents.READY, media, MediaEvents.Ready.of(media)));
        } else if (media.status() == MediaStatus.REJECTED) {
            events.publish(MediaEvents.envelope(MediaEvents.REJECTED, media, MediaEvents.Rejected.of(media)));
        }
        store.markEventPublished(media.mediaId());
    }

    /** Deletes the version (permanently) or, unversioned, the object; already gone is fine. */
    private void delete(String key, String version) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(version));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }
}
