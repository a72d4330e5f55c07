package io.wechat.media.catalog;

import java.util.Map;

/** 201 answer of {@code POST /media/uploads}: PUT the bytes to {@code uploadUrl} with exactly {@code uploadHeaders}. */
public record UploadResponse(String mediaId, String status, String uploadUrl, String uploadMethod,
                             Map<String, String> uploadHeaders, String expiresAt) {
}
