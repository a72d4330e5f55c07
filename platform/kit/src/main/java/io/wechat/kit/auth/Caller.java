package io.wechat.kit.auth;

import java.util.Objects;

/** The authenticated user of a request and the {@code Authorization} header to forward on their behalf. */
public record Caller(String userId, String authorization) {
    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(authorization, "authorization");
    }
}
