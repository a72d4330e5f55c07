package io.wechat.media.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.wechat.kit.web.ApiException;

/**
 * {@code POST /media/uploads}: what the client is about to upload. The content type must be allowed and
 * the size within its limit; the file name is sanitized; {@code conversationId} names the conversation
 * whose members may see the media (without it, only the owner can).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadRequest(String contentType, Long sizeBytes, String fileName, String conversationId) {
    public UploadRequest {
        if (contentType == null || contentType.isBlank()) {
            throw ApiException.badRequest("invalid_content_type", "contentType is required");
        }
        String declared = AllowedTypes.normalize(contentType);
        var allowed = AllowedTypes.find(declared).orElseThrow(() -> ApiException.badRequest(
                "unsupported_content_type", "contentType " + declared + " is not allowed"));
        contentType = allowed.contentType();
        if (sizeBytes == null || sizeBytes < 1) {
            throw ApiException.badRequest("invalid_size", "sizeBytes must be a positive number of bytes");
        }
        if (sizeBytes > allowed.maxBytes()) {
            throw ApiException.badRequest("file_too_large",
                    contentType + " uploads are limited to " + allowed.maxBytes() / AllowedTypes.MB + " MB");
        }
        if (fileName == null || fileName.isBlank()) {
            throw ApiException.badRequest("invalid_file_name", "fileName is required");
        }
        if (fileName.length() > 1024) {
            throw ApiException.badRequest("invalid_file_name", "fileName is too long");
        }
        fileName = FileNames.sanitize(fileName);
        if (conversationId != null && !Ids.isValid(conversationId)) {
            throw ApiException.badRequest("invalid_conversation_id", "conversationId is not a valid id");
        }
    }
}
