package io.wechat.chat.auth;

import java.util.Objects;

/** The authenticated user of a request and the header to forward to user-service on their behalf. */
public record Caller(String userId, String authorization) {
    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(authorization, "authorization");
    }
}
