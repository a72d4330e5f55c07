package io.wechat.user.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The caller's address for throttling and quotas, only ever from what a party we trust vouches for; never from
 * {@code X-Forwarded-For}, whose every hop a client can write (and whose last hop behind CloudFront is CloudFront).
 * <ol>
 * <li>{@code CloudFront-Viewer-Address}, when the request also carries CloudFront's origin secret
 * ({@link OriginVerification}, a custom origin header only CloudFront knows), so it provably came through
 * CloudFront, which sets the viewer header itself;</li>
 * <li>else {@code requestContext.http.sourceIp} of the {@code x-amzn-request-context} payload, the address that
 * API Gateway (or the local edge) accepted the connection from, when the {@link Gateway} vouches for the request;</li>
 * <li>else the socket's remote address.</li>
 * </ol>
 */
public final class ClientAddress {
    static final HeaderName REQUEST_CONTEXT = HeaderNames.create("x-amzn-request-context");
    static final HeaderName VIEWER_ADDRESS = HeaderNames.create("CloudFront-Viewer-Address");
    private static final int MAX_LENGTH = 64;

    private final Gateway gateway;
    private final OriginVerification cloudFront;

    public ClientAddress(Gateway gateway, OriginVerification cloudFront) {
        this.gateway = gateway;
        this.cloudFront = cloudFront;
    }

    public ClientAddress(Gateway gateway, Optional<String> cloudFrontSecret) {
        this(gateway, OriginVerification.fixed(cloudFrontSecret));
    }

    public String of(ServerRequest req) {
        if (!gateway.vouchesFor(req)) {
            return remote(req.remotePeer().address());
        }
        return viewerThroughCloudFront(req)
                .or(() -> sourceIp(req))
                .orElseGet(() -> remote(req.remotePeer().address()));
    }

    private Optional<String> viewerThroughCloudFront(ServerRequest req) {
        if (!cloudFront.verified(req)) {
            return Optional.empty();
        }
        // "ip:port", IPv6 included ("2001:db8::1:46532"): the port is after the last colon.
        return req.headers().first(VIEWER_ADDRESS)
                .filter(value -> value.lastIndexOf(':') > 0)
                .map(value -> value.substring(0, value.lastIndexOf(':')).strip())
                .filter(ClientAddress::plausible);
    }

    private static Optional<String> sourceIp(ServerRequest req) {
        return req.headers().first(REQUEST_CONTEXT).flatMap(context -> {
            try {
                return Optional.of(Json.MAPPER.readTree(context).path("http").path("sourceIp").asText(""));
            } catch (JacksonException e) {
                return Optional.empty();
            }
        }).filter(ClientAddress::plausible);
    }

    private static boolean plausible(String address) {
        return !address.isEmpty() && address.length() <= MAX_LENGTH;
    }

    private static String remote(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
