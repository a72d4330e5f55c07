package io.wechat.media.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Times;
import io.wechat.media.conversations.Membership;
import io.wechat.media.storage.DownloadUrls;
import io.wechat.media.storage.ObjectKeys;
import io.wechat.media.storage.PresignedUpload;
import io.wechat.media.storage.S3Urls;
import io.wechat.media.storage.SignedUrl;

/**
 * Upload reservations and access to media: the owner, or a member of the media's conversation or of one it was
 * forwarded to.
 */
public final class MediaService {
    private final MediaStore store;
    private final S3Urls s3Urls;
    private final DownloadUrls downloads;
    private final Membership membership;
    private final UploadAllowance allowance;
    private final Duration pendingTtl;
    private final Clock clock;

    public MediaService(MediaStore store, S3Urls s3Urls, DownloadUrls downloads, Membership membership,
                        UploadAllowance allowance, Duration pendingTtl, Clock clock) {
        this.allowance = allowance;
        this.store = store;
        this.s3Urls = s3Urls;
        this.downloads = downloads;
        this.membership = membership;
        this.pendingTtl = pendingTtl;
        this.clock = clock;
    }

    /** Creates the pending media and presigns its upload; 404 when the caller is not in the conversation. */
    public UploadResponse reserve(Caller caller, UploadRequest request) {
        if (request.conversationId() != null && !membership.isMember(request.conversationId(), caller)) {
            throw conversationNotFound();
        }
        Instant now = clock.instant();
        String mediaId = UUID.randomUUID().toString();
        String key = ObjectKeys.upload(caller.userId(), mediaId);
        String createdAt = Times.format(now);
        Media media = new Media(mediaId, caller.userId(), MediaStatus.PENDING, request.contentType(), request.sizeBytes(),
                request.fileName(), request.conversationId(), key, null, null, null, null, null, createdAt, createdAt, false,
                Set.of());
        PresignedUpload upload = s3Urls.upload(key, request.contentType(), request.sizeBytes());
        allowance.reserve(caller.userId(), mediaId, request.sizeBytes(), upload.expiresAt());
        store.createPending(media, now.plus(pendingTtl));
        return new UploadResponse(mediaId, media.status().wire(), upload.url(), "PUT", upload.headers(),
                Times.format(upload.expiresAt()));
    }

    /** The media as the caller may see it; 404 alike for unknown media and media the caller may not see. */
    public MediaView view(Caller caller, String mediaId) {
        if (!Ids.isValid(mediaId)) {
            throw mediaNotFound();
        }
        Media media = store.find(mediaId).orElseThrow(MediaService::mediaNotFound);
        if (!mayView(caller, media)) {
            throw mediaNotFound();
        }
        String url = null;
        String thumbnailUrl = null;
        String urlExpiresAt = null;
        if (media.status() == MediaStatus.READY) {
            SignedUrl download = downloads.download(media.objectKey(), media.versionId());
            url = download.url();
            urlExpiresAt = Times.format(download.expiresAt());
            if (media.thumbnailKey() != null) {
                thumbnailUrl = downloads.download(media.thumbnailKey(), null).url();
            }
        }
        return new MediaView(media.mediaId(), media.status().wire(), media.ownerId(), media.conversationId(),
                media.contentType(), media.sizeBytes(), media.fileName(), media.width(), media.height(),
                url, thumbnailUrl, urlExpiresAt, media.rejectionReason(), media.createdAt());
    }

    /**
     * Members of the conversation, and of every conversation it was forwarded to, see a media once it is ready; before
     * that it is only its owner's.
     */
    private boolean mayView(Caller caller, Media media) {
        if (media.ownedBy(caller.userId())) {
            return true;
        }
        if (media.status() != MediaStatus.READY) {
            return false;
        }
        Stream<String> conversations = Stream.concat(Stream.ofNullable(media.conversationId()), media.sharedWith().stream());
        return conversations.distinct().anyMatch(conversationId -> membership.isMember(conversationId, caller));
    }

    /** The 404 for media that does not exist or that the caller may not see: existence never leaks. */
    private static ApiException mediaNotFound() {
        return ApiException.notFound("media_not_found", "No such media");
    }

    /** The 404 for a conversation the caller is not a member of, as chat-service answers it. */
    private static ApiException conversationNotFound() {
        return ApiException.notFound("conversation_not_found", "No such conversation");
    }
}
