package io.wechat.notification;

import java.util.Optional;

import io.helidon.config.Config;

/**
 * Everything notification-service reads from its configuration. Each value comes from its environment
 * variable (the names in the service README) when set, else from application.yaml.
 */
public record Settings(String region, Optional<String> awsEndpoint, String notificationsTable,
                       Optional<String> apnsApplicationArn, Optional<String> fcmApplicationArn,
                       String jwtIssuer, String jwtAudience, String jwksUrl) {

    public static Settings from(Config config) {
        return new Settings(
                required(config, "AWS_REGION", "aws.region"),
                optional(config, "AWS_ENDPOINT_URL", "aws.endpoint-url"),
                required(config, "NOTIFICATIONS_TABLE", "aws.notifications-table"),
                optional(config, "APNS_PLATFORM_APPLICATION_ARN", "aws.apns-platform-application-arn"),
                optional(config, "FCM_PLATFORM_APPLICATION_ARN", "aws.fcm-platform-application-arn"),
                required(config, "JWT_ISSUER", "app.jwt.issuer"),
                required(config, "JWT_AUDIENCE", "app.jwt.audience"),
                required(config, "JWT_JWKS_URL", "app.jwt.jwks-url"));
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
