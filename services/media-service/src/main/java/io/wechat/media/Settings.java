package io.wechat.media;

import java.time.Duration;
import java.util.Optional;

import io.wechat.kit.config.EnvConfig;

/**
 * Everything media-service reads from its configuration. Each value comes from its environment variable
 * (the names in the service README) when set, else from application.yaml.
 */
public record Settings(String region, Optional<String> awsEndpoint, String bucket, String table,
                       String eventsTopicArn, String chatServiceUrl, Duration chatServiceTimeout,
                       String jwtIssuer, String jwtAudience, String jwksUrl,
                       Duration uploadUrlTtl, Duration downloadUrlTtl, Duration pendingTtl,
                       CloudFront cloudFront) {

    /** Signed CloudFront download URLs (AWS); absent locally, where downloads are presigned S3 GETs. */
    public record CloudFront(Optional<String> domain, Optional<String> keyPairId,
                             Optional<String> privateKeyFile, Optional<String> privateKeySecretArn) {
        public static CloudFront none() {
            return new CloudFront(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public boolean enabled() {
            return domain.isPresent();
        }
    }

    public static Settings from(EnvConfig config) {
        return new Settings(
                config.required("AWS_REGION", "aws.region"),
                config.optional("AWS_ENDPOINT_URL", "aws.endpoint-url"),
                config.required("MEDIA_BUCKET", "aws.media-bucket"),
                config.required("MEDIA_TABLE", "aws.media-table"),
                config.required("MEDIA_EVENTS_TOPIC_ARN", "aws.media-events-topic-arn"),
                config.required("CHAT_SERVICE_URL", "app.chat-service.url"),
                config.millis("CHAT_SERVICE_TIMEOUT_MS", "app.chat-service.timeout-ms"),
                config.required("JWT_ISSUER", "app.jwt.issuer"),
                config.required("JWT_AUDIENCE", "app.jwt.audience"),
                config.required("JWT_JWKS_URL", "app.jwt.jwks-url"),
                config.seconds("MEDIA_UPLOAD_URL_TTL_SECONDS", "app.upload-url-ttl-seconds"),
                config.seconds("MEDIA_DOWNLOAD_URL_TTL_SECONDS", "app.download-url-ttl-seconds"),
                config.seconds("MEDIA_PENDING_TTL_SECONDS", "app.pending-ttl-seconds"),
                new CloudFront(
                        config.optional("CLOUDFRONT_DOMAIN", "aws.cloudfront.domain"),
                        config.optional("CLOUDFRONT_KEY_PAIR_ID", "aws.cloudfront.key-pair-id"),
                        config.optional("CLOUDFRONT_PRIVATE_KEY_FILE", "aws.cloudfront.private-key-file"),
                        config.optional("CLOUDFRONT_PRIVATE_KEY_SECRET_ARN", "aws.cloudfront.private-key-secret-arn")));
    }

}
