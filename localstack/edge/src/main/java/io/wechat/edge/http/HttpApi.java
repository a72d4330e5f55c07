package io.wechat.edge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.edge.AccessLog;
import io.wechat.edge.EdgeConfig;
import io.wechat.edge.Ids;
import io.wechat.edge.Json;
import io.wechat.edge.auth.JwtAuthorizer;
import io.wechat.kit.web.ErrorHandling;

/**
 * The HTTP API: throttling, CORS, route selection, the JWT authorizer and an HTTP proxy integration to the
 * route's service, in API Gateway's order and with its error bodies.
 */
public final class HttpApi {
    /** API Gateway's request payload limit. */
    static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final int EXPECT_CONTINUE_BYTES = 64 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "http2-settings");

    private final EdgeConfig config;
    private final RouteTable routes;
    private final JwtAuthorizer authorizer;
    private final TokenBucket throttle;
    private final CorsPolicy cors;
    private final HttpClient http;
    private final AccessLog accessLog;

    public HttpApi(EdgeConfig config, JwtAuthorizer authorizer, TokenBucket throttle, HttpClient http, AccessLog accessLog) {
        this.config = config;
        this.routes = new RouteTable(config.httpRoutes());
        this.authorizer = authorizer;
        this.throttle = throttle;
        this.cors = new CorsPolicy(config.cors());
        this.http = http;
        this.accessLog = accessLog;
    }

    public void handle(ServerRequest req, ServerResponse res) {
        long started = System.nanoTime();
        String requestId = Ids.next();
        String ip = req.remotePeer().host();
        String method = req.prologue().method().text();
        String path = req.path().rawPath();
        String origin = header(req, "Origin");
        ObjectNode log = AccessLog.entry(requestId, ip).put("method", method).put("path", path).put("protocol", "HTTP/1.1");
        res.header("apigw-requestid", requestId);
        int status;
        try {
            status = serve(req, res, requestId, ip, method, path, origin, log);
        } catch (RuntimeException e) {
            status = error(res, 500, "Internal Server Error", origin);
            log.put("error", e.toString());
        }
        accessLog.write(log.put("status", status).put("latency", (System.nanoTime() - started) / 1_000_000));
    }

    private int serve(ServerRequest req, ServerResponse res, String requestId, String ip, String method, String path,
                      String origin, ObjectNode log) {
        if (!throttle.tryAcquire()) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(throttle.secondsUntilNextToken()));
            return error(res, 429, "Too Many Requests", origin);
        }
        if (cors.isPreflight(method, origin, header(req, "Access-Control-Request-Method"))) {
            cors.preflightHeaders(origin, header(req, "Access-Control-Request-Headers")).forEach(res::header);
            log.put("routeKey", "OPTIONS (CORS preflight)");
            res.status(Status.NO_CONTENT_204).send();
            return 204;
        }
        Optional<RouteTable.Match> match = routes.match(method, path);
        if (match.isEmpty()) {
            return error(res, 404, "Not Found", origin);
        }
        EdgeConfig.RouteSpec route = match.get().spec();
        log.put("routeKey", route.routeKey()).put("service", route.service());
        JWTClaimsSet claims = null;
        if (route.requiresJwt()) {
            claims = authorizer.authorize(JwtAuthorizer.bearer(header(req, "Authorization"))).orElse(null);
            if (claims == null) {
                res.header("www-authenticate", "Bearer");
                return error(res, 401, "Unauthorized", origin);
            }
            if (!JwtAuthorizer.grants(claims, route.scopes())) {
                return error(res, 403, "Forbidden", origin);
            }
        }
        byte[] body;
        try {
            body = readBody(req);
        } catch (IOException e) {
            return error(res, 400, "Bad Request", origin);
        }
        if (body == null) {
            return error(res, 413, "Request Entity Too Large", origin);
        }
        return proxy(req, res, route, claims, body, requestId, ip, method, path, origin, log);
    }

    private int proxy(ServerRequest req, ServerResponse res, EdgeConfig.RouteSpec route, JWTClaimsSet claims, byte[] body,
                      String requestId, String ip, String method, String path, String origin, ObjectNode log) {
        String query = req.query().rawValue();
        URI target = URI.create(config.serviceUrl(route.service()) + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder upstream = HttpRequest.newBuilder(target)
                .timeout(config.integrationTimeout())
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                // A service refuses an oversized body (413) before reading it and closes: asking first means its
                // answer reaches the client instead of a reset connection halfway through the upload.
                .expectContinue(body.length > EXPECT_CONTINUE_BYTES);
        String forwardedFor = null;
        for (Header h : req.headers()) {
            String name = h.name().toLowerCase();
            if (HOP_BY_HOP.contains(name)) {
                continue;
            }
            if (name.equals("x-forwarded-for")) {
                forwardedFor = h.get();
                continue;
            }
            if (name.equals(EdgeConfig.EDGE_SECRET_HEADER.toLowerCase())) {
                continue;
            }
            for (String value : h.allValues()) {
                upstream.header(h.name(), value);
            }
        }
        upstream.setHeader("X-Forwarded-For", forwardedFor == null ? ip : forwardedFor + ", " + ip);
        upstream.setHeader("X-Forwarded-Proto", "http");
        upstream.setHeader("X-Forwarded-Port", Integer.toString(req.localPeer().port()));
        if (header(req, "X-Request-Id") == null) {
            upstream.setHeader("X-Request-Id", requestId);
        }
        upstream.setHeader("x-amzn-request-context", Json.write(requestContext(route, claims, requestId, ip, method, path, req)));
        config.vouch(upstream);
        long integrationStarted = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = http.send(upstream.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            log.put("integrationError", "timeout");
            return integrationFailed(res, 503, "service_unavailable", route.service() + " did not answer in time", origin);
        } catch (ConnectException e) {
            log.put("integrationError", "connection refused: " + route.service() + " is not running");
            return integrationFailed(res, 503, "service_unavailable", route.service() + " is not running", origin);
        } catch (IOException e) {
            // The service took the request and closed without an answer: it died with the request in flight.
            log.put("integrationError", e.toString());
            return integrationFailed(res, 502, "bad_gateway", route.service() + " failed while answering", origin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return integrationFailed(res, 503, "service_unavailable", "The edge is stopping", origin);
        }
        log.put("integrationStatus", response.statusCode())
                .put("integrationLatency", (System.nanoTime() - integrationStarted) / 1_000_000);
        res.status(Status.create(response.statusCode()));
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (HOP_BY_HOP.contains(lower) && !lower.equals("content-length") || lower.startsWith("access-control-")
                    || lower.equals(":status") || lower.equals("date")) {
                return;
            }
            res.header(name, values.toArray(String[]::new));
        });
        cors.responseHeaders(origin).forEach(res::header);
        try (InputStream in = response.body()) {
            if (method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304) {
                res.headers().remove(HeaderNames.CONTENT_LENGTH);
                res.send();
            } else {
                try (OutputStream out = res.outputStream()) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            log.put("integrationError", "response stream: " + e);
        }
        return response.statusCode();
    }

    /** The body, or null when it is larger than API Gateway accepts. */
    private static byte[] readBody(ServerRequest req) throws IOException {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        if (req.headers().contentLength().orElse(0) > MAX_PAYLOAD) {
            req.content().consume();
            return null;
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_PAYLOAD + 1);
            if (bytes.length > MAX_PAYLOAD) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return bytes;
        }
    }

    /**
     * What the AWS Lambda Web Adapter hands a service in the {@code x-amzn-request-context} header: the HTTP API
     * (payload 2.0) request context, with the authorizer's claims.
     */
    private ObjectNode requestContext(EdgeConfig.RouteSpec route, JWTClaimsSet claims, String requestId, String ip,
                                      String method, String path, ServerRequest req) {
        Instant now = Instant.now();
        ObjectNode context = Json.object()
                .put("accountId", "000000000000")
                .put("apiId", config.webSocket().apiId())
                .put("domainName", Optional.ofNullable(header(req, "Host")).orElse("localhost"))
                .put("requestId", requestId)
                .put("routeKey", route.routeKey())
                .put("stage", "$default")
                .put("time", now.toString())
                .put("timeEpoch", now.toEpochMilli());
        context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", ip).put("userAgent", Optional.ofNullable(header(req, "User-Agent")).orElse(""));
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claimsNode = jwt.putObject("claims");
            claims.getClaims().forEach((name, value) -> claimsNode.put(name, claimText(value)));
            jwt.putArray("scopes");
        }
        return context;
    }

    /** API Gateway hands JWT claims to integrations as strings; lists as "[a b]", dates as epoch seconds. */
    private static String claimText(Object value) {
        if (value instanceof java.util.Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(value);
    }

    /**
     * What the server answers before any route is matched (a request line with a bad escape, a URI or headers too
     * long): API Gateway's own error shape, {@code {"message": ...}}, like every other error of the edge.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler json = (request, eventType, status, headers, message) -> DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(Json.message(status.reasonPhrase()))
                .build();
        var builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, json);
        }
        return builder.build();
    }

    private int error(ServerResponse res, int status, String message, String origin) {
        cors.responseHeaders(origin).forEach(res::header);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.message(message).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return status;
    }

    /**
     * A service that is down or died mid-request: the API's error body, so that a client handles it as any other
     * retryable error (with the same idempotency key), which is all it can do.
     */
    private int integrationFailed(ServerResponse res, int status, String code, String message, String origin) {
        cors.responseHeaders(origin).forEach(res::header);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(ErrorHandling.body(code, message + ", retry later").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return status;
    }

    private static String header(ServerRequest req, String name) {
        return req.headers().first(HeaderNames.create(name)).orElse(null);
    }
}
