package io.wechat.edge;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import io.helidon.config.Config;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import io.wechat.edge.auth.JwtAuthorizer;
import io.wechat.edge.esm.EventSourceMappings;
import io.wechat.edge.esm.StreamMappings;
import io.wechat.edge.http.HttpApi;
import io.wechat.edge.http.TokenBucket;
import io.wechat.edge.web.BucketObjects;
import io.wechat.edge.web.StaticSite;
import io.wechat.edge.ws.ConnectionsApi;
import io.wechat.edge.ws.SigV4Verifier;
import io.wechat.edge.ws.WebSocketApi;

/** The running edge: one web server for the HTTP API, the WebSocket API and @connections, plus the queue and stream pollers. */
public final class Edge implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Edge.class.getName());
    /** How long after the WebSocket API's idle timeout the server's own idle-connection closer may close a connection. */
    private static final Duration IDLE_CONNECTION_MARGIN = Duration.ofMinutes(1);

    private final WebServer server;
    private final WebServer adminServer;
    private final WebSocketApi webSocket;
    private final EventSourceMappings mappings;
    private final StreamMappings streamMappings;
    private final S3Client s3;

    private Edge(WebServer server, WebServer adminServer, WebSocketApi webSocket, EventSourceMappings mappings,
                 StreamMappings streamMappings, S3Client s3) {
        this.server = server;
        this.adminServer = adminServer;
        this.webSocket = webSocket;
        this.mappings = mappings;
        this.streamMappings = streamMappings;
        this.s3 = s3;
    }

    public static Edge start(Config serverConfig, EdgeConfig config) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        AccessLog accessLog = new AccessLog(System.out);
        JwtAuthorizer authorizer = new JwtAuthorizer(config.jwt(), Clock.systemUTC());
        HttpApi httpApi = new HttpApi(config, authorizer,
                                      new TokenBucket(config.throttle().rateLimit(), config.throttle().burstLimit()),
                                      http, accessLog);
        WebSocketApi webSocket = new WebSocketApi(config, authorizer, http, accessLog);
        ConnectionsApi connections = new ConnectionsApi(webSocket,
                new SigV4Verifier(config.aws().accessKeyId(), config.aws().secretAccessKey(), config.aws().region(),
                        Clock.systemUTC()), accessLog);
        EventSourceMappings mappings = new EventSourceMappings(config, http, accessLog);
        StreamMappings streamMappings = new StreamMappings(config, http, accessLog);
        S3Client s3 = config.web().enabled() || config.web().adminEnabled() ? s3(config.aws()) : null;
        StaticSite site = !config.web().enabled() ? null
                : new StaticSite(new BucketObjects(s3, config.web().bucket(), config.web().cacheTtl(), Clock.systemUTC()),
                                 config.httpRoutes(), config.webSocket().path(), accessLog);

        HealthObserver health = HealthObserver.builder()
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder().status(true)
                                  .detail("httpRoutes", config.httpRoutes().size())
                                  .detail("websocketConnections", webSocket.connectionCount())
                                  .detail("queuePollers", mappings.pollerCount())
                                  .detail("streamPollers", streamMappings.pollerCount())
                                  .build(),
                          HealthCheckType.READINESS, "edge")
                .build();
        WebServer server = WebServer.builder()
                .config(serverConfig)
                // The WebSocket API's idle timeout and maximum duration close sockets (WebSocketApi), as API Gateway's
                // do. The server's own idle-connection closer counts only what a client sends, so it used to close a
                // socket that only receives after 5 min, with no close frame (1006): it now comes after the API's.
                .idleConnectionTimeout(config.webSocket().idleTimeout().plus(IDLE_CONNECTION_MARGIN))
                .directHandlers(HttpApi.directHandlers())
                // API Gateway's WebSocket frame limit; a larger frame closes the connection with 1009.
                // Helidon checks a handshake's Origin against this list (or the Host when empty); API Gateway checks none.
                .addProtocol(WsConfig.builder().name("websocket").maxFrameLength(config.webSocket().maxFrameBytes())
                                     .origins(config.webSocket().origins()).build())
                .addFeature(ObserveFeature.just(health))
                .routing(routing -> routing(routing, httpApi, webSocket, connections, site))
                .addRouting(WsRouting.builder().endpoint(webSocket.path(), webSocket::newListener))
                .build()
                .start();
        WebServer adminServer = config.web().adminEnabled() ? startAdminSite(serverConfig, config, s3, accessLog) : null;
        if (config.esm().enabled()) {
            mappings.start();
            streamMappings.start();
        }
        LOG.log(System.Logger.Level.INFO, "edge listening on http://127.0.0.1:" + server.port() + " ("
                + config.httpRoutes().size() + " HTTP routes, " + config.websocketRoutes().size() + " WebSocket routes at "
                + webSocket.path() + ")");
        return new Edge(server, adminServer, webSocket, mappings, streamMappings, s3);
    }

    /**
     * The admin app's own origin, as its CloudFront distribution is in AWS: every GET and HEAD is answered from the
     * admin bucket (it has no API behaviour: the app calls the API on the edge's origin, through CORS), anything else
     * is refused with 403 as CloudFront refuses a method a distribution does not allow.
     */
    private static WebServer startAdminSite(Config serverConfig, EdgeConfig config, S3Client s3, AccessLog accessLog) {
        StaticSite site = new StaticSite(new BucketObjects(s3, config.web().adminBucket(), config.web().cacheTtl(), Clock.systemUTC()),
                                         List.of(), null, accessLog);
        WebServer server = WebServer.builder()
                .host(serverConfig.get("host").asString().orElse("127.0.0.1"))
                .port(config.web().adminPort())
                .routing(routing -> routing.any((req, res) -> {
                    if (site.serves(req.prologue().method().text(), req.path().rawPath())) {
                        site.handle(req, res);
                    } else {
                        StaticSite.refuse(res);
                    }
                }))
                .build()
                .start();
        LOG.log(System.Logger.Level.INFO, "admin app on http://127.0.0.1:" + server.port() + " from bucket " + config.web().adminBucket());
        return server;
    }

    /** The port of the admin app's origin; -1 when there is no admin bucket. */
    public int adminPort() {
        return adminServer == null ? -1 : adminServer.port();
    }

    /** The web bucket is read as CloudFront's origin access control reads it: GetObject, nothing else. */
    private static S3Client s3(EdgeConfig.Aws aws) {
        var builder = S3Client.builder()
                .region(Region.of(aws.region()))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build());
        if (aws.endpoint() != null) {
            builder.endpointOverride(aws.endpoint())
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            aws.accessKeyId(), aws.secretAccessKey())));
        }
        return builder.build();
    }

    /** Behaviours in CloudFront's order: the edge's own endpoints, @connections, the web bucket (GET/HEAD off the API paths), the API. */
    static void routing(HttpRouting.Builder routing, HttpApi httpApi, WebSocketApi webSocket, ConnectionsApi connections,
                        StaticSite site) {
        routing.addFilter(webSocket::filter);
        routing.any((req, res) -> {
            String path = req.path().rawPath();
            // The edge's own endpoints (health) are served by the observe feature, not proxied.
            if (path.startsWith("/observe/")) {
                res.next();
            } else if (ConnectionsApi.matches(path)) {
                connections.handle(req, res);
            } else if (site != null && site.serves(req.prologue().method().text(), path)) {
                site.handle(req, res);
            } else {
                httpApi.handle(req, res);
            }
        });
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        mappings.close();
        streamMappings.close();
        webSocket.close();
        server.stop();
        if (adminServer != null) {
            adminServer.stop();
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
