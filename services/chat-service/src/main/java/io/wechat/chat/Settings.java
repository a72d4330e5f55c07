package io.wechat.chat;

import java.time.Duration;
import java.util.Optional;

import io.helidon.config.Config;

/**
 * Everything chat-service reads from its configuration. Each value comes from its environment variable
 * (the names in the service README) when set, else from application.yaml.
 */
public record Settings(String region, Optional<String> awsEndpoint, String messagesTable, String conversationsTable,
                       String chatEventsTopicArn, String userServiceUrl, Duration userServiceTimeout,
                       Duration userCacheTtl, String jwtIssuer, String jwtAudience, String jwksUrl,
                       String redisUri, String websocketManagementUrl, String mediaServiceUrl,
                       Duration mediaServiceTimeout, Optional<String> redisAuthTokenSecretArn) {

    /** Without a Redis AUTH token (locally, and in the tests). */
    public Settings(String region, Optional<String> awsEndpoint, String messagesTable, String conversationsTable,
                    String chatEventsTopicArn, String userServiceUrl, Duration userServiceTimeout,
                    Duration userCacheTtl, String jwtIssuer, String jwtAudience, String jwksUrl,
                    String redisUri, String websocketManagementUrl, String mediaServiceUrl,
                    Duration mediaServiceTimeout) {
        this(region, awsEndpoint, messagesTable, conversationsTable, chatEventsTopicArn, userServiceUrl,
                userServiceTimeout, userCacheTtl, jwtIssuer, jwtAudience, jwksUrl, redisUri, websocketManagementUrl,
                mediaServiceUrl, mediaServiceTimeout, Optional.empty());
    }

    public static Settings from(Config config) {
        return new Settings(
                required(config, "AWS_REGION", "aws.region"),
                optional(config, "AWS_ENDPOINT_URL", "aws.endpoint-url"),
                required(config, "MESSAGES_TABLE", "aws.messages-table"),
                required(config, "CONVERSATIONS_TABLE", "aws.conversations-table"),
                required(config, "CHAT_EVENTS_TOPIC_ARN", "aws.chat-events-topic-arn"),
                required(config, "USER_SERVICE_URL", "app.user-service.url"),
                Duration.ofMillis(Long.parseLong(required(config, "USER_SERVICE_TIMEOUT_MS", "app.user-service.timeout-ms"))),
                Duration.ofSeconds(Long.parseLong(required(config, "USER_CACHE_TTL_SECONDS", "app.user-service.cache-ttl-seconds"))),
                required(config, "JWT_ISSUER", "app.jwt.issuer"),
                required(config, "JWT_AUDIENCE", "app.jwt.audience"),
                required(config, "JWT_JWKS_URL", "app.jwt.jwks-url"),
                required(config, "REDIS_URI", "redis.uri"),
                // Terraform's stack module names it WEBSOCKET_CONNECTIONS_ENDPOINT (the api module's output).
                optional(config, "WEBSOCKET_MANAGEMENT_URL", "WEBSOCKET_CONNECTIONS_ENDPOINT")
                        .orElseGet(() -> required(config, "WEBSOCKET_MANAGEMENT_URL", "app.websocket.management-url")),
                required(config, "MEDIA_SERVICE_URL", "app.media-service.url"),
                Duration.ofMillis(Long.parseLong(required(config, "MEDIA_SERVICE_TIMEOUT_MS", "app.media-service.timeout-ms"))),
                optional(config, "REDIS_AUTH_TOKEN_SECRET_ARN", "redis.auth-token-secret-arn"));
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
