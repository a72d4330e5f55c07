package io.wechat.notification.auth;

import java.util.Objects;

/** The authenticated user of a request. */
public record Caller(String userId) {
    public Caller {
        Objects.requireNonNull(userId, "userId");
    }
}
