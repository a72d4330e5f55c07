package io.wechat.kit.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * {@code POST /events} trusts its body for identity (a connection's user, a queue's records), so only the gateway may
 * call it. In AWS only Lambda's runtime reaches it and no secret is configured; locally any process can reach the
 * port, so the edge proves itself with the secret {@code make up} generates for each start ({@code EDGE_SECRET}, sent
 * as {@code X-Edge-Secret}): without it, 403.
 */
public final class EventsGuard implements Filter {
    private static final String REFUSED =
            "{\"error\":{\"code\":\"forbidden\",\"message\":\"Events are accepted from the gateway only\"}}";
    private final Optional<byte[]> secret;

    public EventsGuard(Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (secret.isEmpty() || req.prologue().method() != Method.POST || !"/events".equals(req.path().path())
                || req.headers().first(HeaderNames.create("X-Edge-Secret"))
                        .map(sent -> MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), secret.get()))
                        .orElse(false)) {
            chain.proceed();
            return;
        }
        res.status(Status.FORBIDDEN_403).header(HeaderValues.CONTENT_TYPE_JSON).send(REFUSED);
    }
}
