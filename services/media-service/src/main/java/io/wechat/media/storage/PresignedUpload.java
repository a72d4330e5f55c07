package io.wechat.media.storage;

import java.time.Instant;
import java.util.Map;

/** A presigned PUT: the URL, the headers the client must send exactly (they are signed), its expiry. */
public record PresignedUpload(String url, Map<String, String> headers, Instant expiresAt) {
}
