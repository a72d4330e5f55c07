package io.wechat.chat;

import java.time.Duration;
import java.util.Optional;

import io.wechat.chat.realtime.ConnectionRegistry;
import io.wechat.kit.config.EnvConfig;

/**
 * Everything chat-service reads from its configuration. Each value comes from its environment variable
 * (the names in the service README) when set, else from application.yaml.
 */
public record Settings(String region, Optional<String> awsEndpoint, String messagesTable, String conversationsTable,
                       String chatEventsTopicArn, String userServiceUrl, Duration userServiceTimeout,
                       Duration userCacheTtl, String jwtIssuer, String jwtAudience, String jwksUrl,
                       String redisUri, String websocketManagementUrl, String mediaServiceUrl,
                       Duration mediaServiceTimeout, Optional<String> redisAuthTokenSecretArn,
                       ConnectionRegistry.Limits connectionLimits, String searchTable) {

    /** The search table beside the messages table: Terraform names both from one prefix. */
    public Settings(String region, Optional<String> awsEndpoint, String messagesTable, String conversationsTable,
                    String chatEventsTopicArn, String userServiceUrl, Duration userServiceTimeout,
                    Duration userCacheTtl, String jwtIssuer, String jwtAudience, String jwksUrl,
                    String redisUri, String websocketManagementUrl, String mediaServiceUrl,
                    Duration mediaServiceTimeout, Optional<String> redisAuthTokenSecretArn,
                    ConnectionRegistry.Limits connectionLimits) {
        this(region, awsEndpoint, messagesTable, conversationsTable, chatEventsTopicArn, userServiceUrl,
                userServiceTimeout, userCacheTtl, jwtIssuer, jwtAudience, jwksUrl, redisUri, websocketManagementUrl,
                mediaServiceUrl, mediaServiceTimeout, redisAuthTokenSecretArn, connectionLimits,
                messagesTable.replaceFirst("-messages$", "-search"));
    }

    /** Without a Redis AUTH token, with the default connection limits (locally, and in the tests). */
    public Settings(String region, Optional<String> awsEndpoint, String messagesTable, String conversationsTable,
                    String chatEventsTopicArn, String userServiceUrl, Duration userServiceTimeout,
                    Duration userCacheTtl, String jwtIssuer, String jwtAudience, String jwksUrl,
                    String redisUri, String websocketManagementUrl, String mediaServiceUrl,
                    Duration mediaServiceTimeout) {
        this(region, awsEndpoint, messagesTable, conversationsTable, chatEventsTopicArn, userServiceUrl,
                userServiceTimeout, userCacheTtl, jwtIssuer, jwtAudience, jwksUrl, redisUri, websocketManagementUrl,
                mediaServiceUrl, mediaServiceTimeout, Optional.empty(), ConnectionRegistry.Limits.DEFAULT);
    }

    public static Settings from(EnvConfig config) {
        return new Settings(
                config.required("AWS_REGION", "aws.region"),
                config.optional("AWS_ENDPOINT_URL", "aws.endpoint-url"),
                config.required("MESSAGES_TABLE", "aws.messages-table"),
                config.required("CONVERSATIONS_TABLE", "aws.conversations-table"),
                config.required("CHAT_EVENTS_TOPIC_ARN", "aws.chat-events-topic-arn"),
                config.required("USER_SERVICE_URL", "app.user-service.url"),
                config.millis("USER_SERVICE_TIMEOUT_MS", "app.user-service.timeout-ms"),
                config.seconds("USER_CACHE_TTL_SECONDS", "app.user-service.cache-ttl-seconds"),
                config.required("JWT_ISSUER", "app.jwt.issuer"),
                config.required("JWT_AUDIENCE", "app.jwt.audience"),
                config.required("JWT_JWKS_URL", "app.jwt.jwks-url"),
                config.required("REDIS_URI", "redis.uri"),
                config.required("WEBSOCKET_MANAGEMENT_URL", "app.websocket.management-url"),
                config.required("MEDIA_SERVICE_URL", "app.media-service.url"),
                config.millis("MEDIA_SERVICE_TIMEOUT_MS", "app.media-service.timeout-ms"),
                config.optional("REDIS_AUTH_TOKEN_SECRET_ARN", "redis.auth-token-secret-arn"),
                new ConnectionRegistry.Limits(
                        config.integer("WS_MAX_CONNECTIONS_PER_USER", "app.websocket.max-connections-per-user"),
                        config.integer("WS_MAX_CONNECTIONS_PER_ADDRESS", "app.websocket.max-connections-per-address")),
                config.required("SEARCH_TABLE", "aws.search-table"));
    }
}
