package io.wechat.notification;

import java.time.Duration;
import java.util.Optional;

import io.wechat.kit.config.EnvConfig;

/**
 * Everything notification-service reads from its configuration. Each value comes from its environment
 * variable (the names in the service README) when set, else from application.yaml.
 *
 * @param eventLease how long an attempt owns a message.sent event; shorter than the queue's visibility timeout, so
 *                   that the redelivery after a crash finds the lease expired and resumes the event
 */
public record Settings(String region, Optional<String> awsEndpoint, String notificationsTable,
                       Optional<String> apnsApplicationArn, Optional<String> fcmApplicationArn,
                       String jwtIssuer, String jwtAudience, String jwksUrl, Duration eventLease) {

    public static Settings from(EnvConfig config) {
        return new Settings(
                config.required("AWS_REGION", "aws.region"),
                config.optional("AWS_ENDPOINT_URL", "aws.endpoint-url"),
                config.required("NOTIFICATIONS_TABLE", "aws.notifications-table"),
                config.optional("APNS_PLATFORM_APPLICATION_ARN", "aws.apns-platform-application-arn"),
                config.optional("FCM_PLATFORM_APPLICATION_ARN", "aws.fcm-platform-application-arn"),
                config.required("JWT_ISSUER", "app.jwt.issuer"),
                config.required("JWT_AUDIENCE", "app.jwt.audience"),
                config.required("JWT_JWKS_URL", "app.jwt.jwks-url"),
                config.seconds("EVENT_LEASE_SECONDS", "app.event-lease-seconds"));
    }
}
