package io.wechat.media.auth;

import java.util.Objects;

/** The authenticated user of a request and the header to forward to chat-service on their behalf. */
public record Caller(String userId, String authorization) {
    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(authorization, "authorization");
    }
}
