package io.wechat.media.storage;

/**
 * Short-lived download URLs for objects of the media bucket: presigned S3 GETs locally, signed
 * CloudFront URLs in AWS (where the bucket is reachable only through CloudFront's origin access control).
 */
public interface DownloadUrls {
    /**
     * @param key       the object key
     * @param versionId the verified object version, or null; honoured where the URL scheme allows it
     */
    SignedUrl download(String key, String versionId);
}
