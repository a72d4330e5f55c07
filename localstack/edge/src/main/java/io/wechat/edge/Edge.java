package io.wechat.edge;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
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

    private final WebServer server;
    private final WebSocketApi webSocket;
    private final EventSourceMappings mappings;
    private final StreamMappings streamMappings;
    private final S3Client s3;

    private Edge(WebServer server, WebSocketApi webSocket, EventSourceMappings mappings, StreamMappings streamMappings,
                 S3Client s3) {
        this.server = server;
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
        S3Client s3 = config.web().enabled() ? s3(config.aws()) : null;
        StaticSite site = s3 == null ? null
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
        if (config.esm().enabled()) {
            mappings.start();
            streamMappings.start();
        }
        LOG.log(System.Logger.Level.INFO, "edge listening on http://127.0.0.1:" + server.port() + " ("
                + config.httpRoutes().size() + " HTTP routes, " + config.websocketRoutes().size() + " WebSocket routes at "
                + webSocket.path() + ")");
        return new Edge(server, webSocket, mappings, streamMappings, s3);
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
        if (s3 != null) {
            s3.close();
        }
    }
}
