package io.wechat.media.storage;

import java.time.Instant;

/** A short-lived URL and the moment it stops working. */
public record SignedUrl(String url, Instant expiresAt) {
}
