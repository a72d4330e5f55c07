package io.wechat.notification.storage;

import java.util.Objects;

/** The name of notification-service's one DynamoDB table (NOTIFICATIONS_TABLE). */
public record Table(String name) {
    public Table {
        Objects.requireNonNull(name, "notifications table");
    }
}
