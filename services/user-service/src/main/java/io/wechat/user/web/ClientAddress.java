package io.wechat.user.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The caller's address for throttling: the first hop of {@code X-Forwarded-For} (set by the edge / API Gateway),
 * else the socket's remote address.
 */
public final class ClientAddress {
    private static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    public static String of(ServerRequest req) {
        return req.headers().first(HeaderNames.X_FORWARDED_FOR)
                .map(value -> value.split(",", 2)[0].strip())
                .filter(first -> !first.isEmpty() && first.length() <= MAX_LENGTH)
                .orElseGet(() -> remote(req.remotePeer().address()));
    }

    private static String remote(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
