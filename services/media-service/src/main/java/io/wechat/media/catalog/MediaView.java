package io.wechat.media.catalog;

/**
 * {@code GET /media/{mediaId}}: the media as its owner or a member of its conversation sees it. {@code url}
 * and {@code thumbnailUrl} are set only when ready and stop working at {@code urlExpiresAt};
 * {@code rejectionReason} only when rejected.
 */
public record MediaView(String mediaId, String status, String ownerId, String conversationId, String contentType,
                        long sizeBytes, String fileName, Integer width, Integer height, String url,
                        String thumbnailUrl, String urlExpiresAt, String rejectionReason, String createdAt) {
}
