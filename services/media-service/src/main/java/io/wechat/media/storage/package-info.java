/**
 * S3 and CloudFront: object keys, presigned upload URLs, and signed or presigned download URLs.
 */
package io.wechat.media.storage;
