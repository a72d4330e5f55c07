package io.wechat.media;

import java.time.Duration;
import java.util.Optional;

import io.helidon.config.Config;

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

    public static Settings from(Config config) {
        return new Settings(
                required(config, "AWS_REGION", "aws.region"),
                optional(config, "AWS_ENDPOINT_URL", "aws.endpoint-url"),
                required(config, "MEDIA_BUCKET", "aws.media-bucket"),
                required(config, "MEDIA_TABLE", "aws.media-table"),
                required(config, "MEDIA_EVENTS_TOPIC_ARN", "aws.media-events-topic-arn"),
                required(config, "CHAT_SERVICE_URL", "app.chat-service.url"),
                Duration.ofMillis(Long.parseLong(required(config, "CHAT_SERVICE_TIMEOUT_MS", "app.chat-service.timeout-ms"))),
                required(config, "JWT_ISSUER", "app.jwt.issuer"),
                required(config, "JWT_AUDIENCE", "app.jwt.audience"),
                required(config, "JWT_JWKS_URL", "app.jwt.jwks-url"),
                seconds(config, "MEDIA_UPLOAD_URL_TTL_SECONDS", "app.upload-url-ttl-seconds"),
                seconds(config, "MEDIA_DOWNLOAD_URL_TTL_SECONDS", "app.download-url-ttl-seconds"),
                seconds(config, "MEDIA_PENDING_TTL_SECONDS", "app.pending-ttl-seconds"),
                new CloudFront(
                        optional(config, "CLOUDFRONT_DOMAIN", "aws.cloudfront.domain"),
                        optional(config, "CLOUDFRONT_KEY_PAIR_ID", "aws.cloudfront.key-pair-id"),
                        optional(config, "CLOUDFRONT_PRIVATE_KEY_FILE", "aws.cloudfront.private-key-file"),
                        optional(config, "CLOUDFRONT_PRIVATE_KEY_SECRET_ARN", "aws.cloudfront.private-key-secret-arn")));
    }

    private static Duration seconds(Config config, String env, String key) {
        return Duration.ofSeconds(Long.parseLong(required(config, env, key)));
    }

    private static Optional<String> optional(Config config, String env, String key) {
        return config.get(env).asString().asOptional().filter(v -> !v.isBlank())
                .or(() -> config.get(key).asString().asOptional().filter(v -> !v.isBlank()));
    }

    private static String required(Config config, String env, String key) {
        return optional(config, env, key).orElseThrow(
                () -> new IllegalStateException("Missing configuration: set " + env + " (or " + key + ")"));
    }
}
