package io.wechat.user.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The caller's address for throttling: the last hop of {@code X-Forwarded-For}, the one that API Gateway (or the
 * local edge) appends from the connection it accepted; earlier hops come from the client and can be forged.
 * Without the header, the socket's remote address.
 */
public final class ClientAddress {
    private static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    public static String of(ServerRequest req) {
        return req.headers().first(HeaderNames.X_FORWARDED_FOR)
                .map(value -> value.substring(value.lastIndexOf(',') + 1).strip())
                .filter(last -> !last.isEmpty() && last.length() <= MAX_LENGTH)
                .orElseGet(() -> remote(req.remotePeer().address()));
    }

    private static String remote(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
