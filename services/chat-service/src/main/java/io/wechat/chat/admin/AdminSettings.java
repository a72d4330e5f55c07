package io.wechat.chat.admin;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.wechat.kit.config.EnvConfig;

/**
 * What the admin features read from the configuration: the moderation table, notification-service's URL (for the
 * push figures) and the queues whose depth {@code GET /admin/stats} shows.
 */
public record AdminSettings(String moderationTable, String notificationServiceUrl, Duration notificationServiceTimeout,
                            List<String> queueUrls) {
    public AdminSettings {
        Objects.requireNonNull(moderationTable, "moderationTable");
        Objects.requireNonNull(notificationServiceUrl, "notificationServiceUrl");
        queueUrls = List.copyOf(queueUrls);
    }

    public static AdminSettings from(EnvConfig config) {
        return new AdminSettings(
                config.required("MODERATION_TABLE", "aws.moderation-table"),
                config.required("NOTIFICATION_SERVICE_URL", "app.notification-service.url"),
                config.millis("NOTIFICATION_SERVICE_TIMEOUT_MS", "app.notification-service.timeout-ms"),
                Arrays.stream(config.optional("ADMIN_QUEUE_URLS", "app.admin.queue-urls").orElse("").split(","))
                        .map(String::strip).filter(url -> !url.isEmpty()).toList());
    }
}
