package io.wechat.user.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Whether a request provably came through the gateway, so that what the gateway adds to it (the
 * {@code x-amzn-request-context} payload, the caller's identity on {@code POST /events}) can be believed.
 * In AWS only API Gateway, through the Lambda Web Adapter, reaches a service: no secret is configured and every
 * request qualifies. Locally any process can reach a service's port, so the edge proves itself with a secret
 * generated at each start ({@code EDGE_SECRET}), sent in {@link #SECRET_HEADER}.
 */
public final class Gateway {
    public static final HeaderName SECRET_HEADER = HeaderNames.create("X-Edge-Secret");

    private final Optional<byte[]> secret;

    private Gateway(Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code secret}: the local edge's secret; empty in AWS. */
    public static Gateway of(Optional<String> secret) {
        return new Gateway(secret);
    }

    public boolean vouchesFor(ServerRequest req) {
        if (secret.isEmpty()) {
            return true;
        }
        return req.headers().first(SECRET_HEADER)
                .map(sent -> MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), secret.get()))
                .orElse(false);
    }
}
