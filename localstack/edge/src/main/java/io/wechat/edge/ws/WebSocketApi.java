package io.wechat.edge.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import io.wechat.edge.AccessLog;
import io.wechat.edge.EdgeConfig;
import io.wechat.edge.EdgeConfig.RouteSpec;
import io.wechat.edge.Ids;
import io.wechat.edge.Json;
import io.wechat.edge.auth.JwtAuthorizer;

/**
 * The WebSocket API: $connect authorized with the {@code token} query parameter and delivered before the
 * handshake completes, route selection on {@code $request.body.action} with $default, $disconnect however the
 * connection ends (close frame, vanished client, idle timeout, maximum duration, DELETE @connections), and
 * API Gateway's limits (32 KB frames, 128 KB messages: larger ones close the connection with 1009).
 */
public final class WebSocketApi implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebSocketApi.class.getName());
    private static final Duration REAPER_INTERVAL = Duration.ofMillis(250);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final EdgeConfig config;
    private final JwtAuthorizer authorizer;
    private final HttpClient http;
    private final AccessLog accessLog;
    private final WsEvents events;
    private final Map<String, RouteSpec> routes = new LinkedHashMap<>();
    private final Map<String, Connection> pending = new ConcurrentHashMap<>();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Thread reaper;
    private volatile boolean running = true;

    public WebSocketApi(EdgeConfig config, JwtAuthorizer authorizer, HttpClient http, AccessLog accessLog) {
        this.config = config;
        this.authorizer = authorizer;
        this.http = http;
        this.accessLog = accessLog;
        this.events = new WsEvents(config.webSocket().stage(), config.webSocket().apiId());
        config.websocketRoutes().forEach(r -> routes.put(r.routeKey(), r));
        this.reaper = Thread.ofVirtual().name("ws-reaper").start(this::reap);
    }

    public String path() {
        return config.webSocket().path();
    }

    public int connectionCount() {
        return connections.size();
    }

    Optional<Connection> connection(String id) {
        return Optional.ofNullable(connections.get(id)).filter(c -> !c.gone.get());
    }

    /** A filter: a WebSocket handshake on the API's path is authorized and $connect delivered before it may proceed. */
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        boolean upgrade = req.headers().first(HeaderNames.UPGRADE).map(v -> v.equalsIgnoreCase("websocket")).orElse(false);
        if (!upgrade || !req.path().rawPath().equals(path())) {
            chain.proceed();
            return;
        }
        if (beforeUpgrade(req, res)) {
            chain.proceed();
        }
    }

    private boolean beforeUpgrade(RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        String requestId = Ids.next();
        String ip = req.remotePeer().host();
        ObjectNode log = AccessLog.entry(requestId, ip).put("method", "GET").put("path", path()).put("routeKey", "$connect")
                .put("eventType", "CONNECT");
        RouteSpec connectRoute = routes.get("$connect");
        ObjectNode authorizerContext = null;
        if (connectRoute != null && connectRoute.requiresJwt()) {
            Optional<JWTClaimsSet> claims = authorizer.authorize(req.query().first("token").orElse(null));
            if (claims.isEmpty()) {
                reject(res, 401, Json.message("Unauthorized"));
                accessLog.write(log.put("status", 401).put("latency", millisSince(started)));
                return false;
            }
            authorizerContext = WsEvents.authorizerContext(claims.get());
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.headers().forEach(h -> headers.put(h.name(), h.allValues()));
        Map<String, List<String>> query = new LinkedHashMap<>();
        req.query().names().forEach(name -> query.put(name, req.query().all(name)));
        Connection connection = new Connection(Ids.next(), Instant.now(), ip,
                                               req.headers().first(HeaderNames.USER_AGENT).orElse(""),
                                               req.headers().first(HeaderNames.HOST).orElse("localhost"),
                                               authorizerContext, headers, query);
        log.put("connectionId", connection.id);
        if (connectRoute != null) {
            Answer answer = deliver(connectRoute, events.connect(connection, requestId, Instant.now()));
            log.put("integrationStatus", answer.status);
            if (!answer.ok()) {
                int status = answer.status >= 400 ? answer.status : 502;
                reject(res, status, answer.body.isEmpty() ? Json.message(status >= 500 ? "Internal server error" : "Forbidden") : answer.body);
                accessLog.write(log.put("status", status).put("latency", millisSince(started)));
                return false;
            }
        }
        pending.put(req.headers().first(HeaderNames.create("Sec-WebSocket-Key")).orElse(""), connection);
        accessLog.write(log.put("status", 101).put("latency", millisSince(started)));
        return true;
    }

    /** One listener per connection; it finds the connection that $connect accepted by the handshake's key. */
    public WsListener newListener() {
        return new Listener();
    }

    private final class Listener implements WsListener {
        private Connection connection;
        private boolean inMessage;

        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
            connection = pending.remove(headers.first(HeaderNames.create("Sec-WebSocket-Key")).orElse(""));
            if (connection == null) {
                throw new WsUpgradeException("handshake was not authorized");
            }
            return Optional.empty();
        }

        @Override
        public void onOpen(WsSession session) {
            connection.open(session, Thread.currentThread());
            connections.put(connection.id, connection);
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            frame(text.getBytes(StandardCharsets.UTF_8), false, last);
        }

        @Override
        public void onMessage(WsSession session, BufferData buffer, boolean last) {
            byte[] bytes = new byte[buffer.available()];
            buffer.read(bytes);
            frame(bytes, true, last);
        }

        private void frame(byte[] bytes, boolean binary, boolean last) {
            connection.lastActiveAt = Instant.now();
            int size = connection.append(bytes, binary, !inMessage);
            inMessage = !last;
            if (size > config.webSocket().maxMessageBytes()) {
                serverClose(connection, WsCloseCodes.TOO_BIG, "Message too big");
                return;
            }
            if (last) {
                byte[] message = connection.takeMessage();
                boolean isBinary = connection.messageIsBinary();
                connection.events.execute(() -> route(connection, message, isBinary));
            }
        }

        @Override
        public void onPing(WsSession session, BufferData buffer) {
            session.pong(buffer);
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            disconnect(connection, status, reason);
        }

        @Override
        public void onError(WsSession session, Throwable t) {
            disconnect(connection, 1006, "Connection closed abnormally");
        }
    }

    private void route(Connection c, byte[] body, boolean binary) {
        long started = System.nanoTime();
        String requestId = Ids.next();
        RouteSpec route = binary ? null : Optional.ofNullable(action(body)).map(routes::get).orElse(null);
        if (route == null) {
            route = routes.get("$default");
        }
        ObjectNode log = AccessLog.entry(requestId, c.sourceIp).put("eventType", "MESSAGE").put("connectionId", c.id);
        if (route == null) {
            sendQuietly(c, Json.write(Json.object().put("message", "Forbidden").put("connectionId", c.id).put("requestId", requestId)));
            accessLog.write(log.put("status", 403).put("latency", millisSince(started)));
            return;
        }
        log.put("routeKey", route.routeKey());
        Answer answer = deliver(route, events.message(c, route.routeKey(), requestId, Ids.next(), Instant.now(), body, binary));
        log.put("integrationStatus", answer.status);
        if (!answer.ok()) {
            sendQuietly(c, Json.write(Json.object().put("message", "Internal server error").put("connectionId", c.id)
                                              .put("requestId", requestId)));
        } else if (route.routeResponse() && !answer.body.isEmpty()) {
            sendQuietly(c, answer.body);
        }
        accessLog.write(log.put("status", answer.ok() ? 200 : 500).put("latency", millisSince(started)));
    }

    /** The value of {@code $request.body.action}, or null when the body is not a JSON object with a text action. */
    static String action(byte[] body) {
        try {
            JsonNode node = Json.parse(body);
            JsonNode action = node == null ? null : node.get("action");
            return action != null && action.isTextual() ? action.asText() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void sendQuietly(Connection c, String text) {
        try {
            c.send(text.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            disconnect(c, 1006, "Connection closed abnormally");
        }
    }

    /** Sends data from @connections; false when the connection is gone. */
    boolean post(Connection c, byte[] data) {
        if (c.gone.get()) {
            return false;
        }
        try {
            c.send(data);
            return true;
        } catch (RuntimeException e) {
            disconnect(c, 1006, "Connection closed abnormally");
            return false;
        }
    }

    /** Closes a connection from the server's side (limits, DELETE @connections), and forces the socket shut if the client does not answer. */
    void serverClose(Connection c, int code, String reason) {
        try {
            c.close(code, reason);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "close frame not sent to " + c.id + ": " + e);
        }
        disconnect(c, code, reason);
        Thread handler = c.handler();
        if (handler != null && handler != Thread.currentThread()) {
            Thread.ofVirtual().start(() -> {
                try {
                    handler.join(CLOSE_GRACE);
                } catch (InterruptedException e) {
                    return;
                }
                if (handler.isAlive()) {
                    handler.interrupt();
                }
            });
        }
    }

    private void disconnect(Connection c, int statusCode, String reason) {
        if (c == null || !c.gone.compareAndSet(false, true)) {
            return;
        }
        connections.remove(c.id);
        RouteSpec route = routes.get("$disconnect");
        c.events.execute(() -> {
            long started = System.nanoTime();
            String requestId = Ids.next();
            ObjectNode log = AccessLog.entry(requestId, c.sourceIp).put("routeKey", "$disconnect").put("eventType", "DISCONNECT")
                    .put("connectionId", c.id).put("disconnectStatusCode", statusCode);
            if (route != null) {
                Answer answer = deliver(route, events.disconnect(c, requestId, Instant.now(), statusCode, reason));
                log.put("integrationStatus", answer.status);
            }
            accessLog.write(log.put("status", 200).put("latency", millisSince(started)));
        });
        c.events.shutdown();
    }

    /** Finds connections whose socket ended without a close frame, and enforces the idle timeout and the maximum duration. */
    private void reap() {
        while (running) {
            try {
                Thread.sleep(REAPER_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            Instant now = Instant.now();
            for (Connection c : List.copyOf(connections.values())) {
                if (c.socketEnded()) {
                    disconnect(c, 1006, "Connection closed abnormally");
                } else if (Duration.between(c.lastActiveAt, now).compareTo(config.webSocket().idleTimeout()) > 0) {
                    serverClose(c, WsCloseCodes.GOING_AWAY, "Going away");
                } else if (Duration.between(c.connectedAt, now).compareTo(config.webSocket().maxDuration()) > 0) {
                    serverClose(c, WsCloseCodes.GOING_AWAY, "Going away");
                }
            }
        }
    }

    private record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private Answer deliver(RouteSpec route, ObjectNode event) {
        URI uri = URI.create(config.serviceUrl(route.service()) + "/events");
        try {
            HttpResponse<String> response = http.send(
                    config.vouch(HttpRequest.newBuilder(uri))
                            .timeout(config.integrationTimeout().compareTo(Duration.ofSeconds(29)) > 0
                                    ? Duration.ofSeconds(29) : config.integrationTimeout())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(event))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(504, "");
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, route.routeKey() + " not delivered to " + uri + ": " + e);
            return new Answer(502, "");
        }
    }

    private static void reject(RoutingResponse res, int status, String body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Override
    public void close() {
        running = false;
        reaper.interrupt();
        Collection<Connection> open = new ArrayList<>(connections.values());
        open.forEach(c -> serverClose(c, WsCloseCodes.GOING_AWAY, "Going away"));
    }
}
