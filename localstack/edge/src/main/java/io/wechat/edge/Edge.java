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
import io.wechat.edge.auth.JwtAuthorizer;
import io.wechat.edge.http.HttpApi;
import io.wechat.edge.http.TokenBucket;

/** The running edge: one web server for the HTTP API, the WebSocket API and @connections, plus the queue pollers. */
public final class Edge implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Edge.class.getName());

    private final WebServer server;

    private Edge(WebServer server) {
        this.server = server;
    }

    public static Edge start(Config serverConfig, EdgeConfig config) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        AccessLog accessLog = new AccessLog(System.out);
        JwtAuthorizer authorizer = new JwtAuthorizer(config.jwt(), http, Clock.systemUTC());
        HttpApi httpApi = new HttpApi(config, authorizer,
                                      new TokenBucket(config.throttle().rateLimit(), config.throttle().burstLimit()),
                                      http, accessLog);

        HealthObserver health = HealthObserver.builder()
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder().status(true)
                                  .detail("httpRoutes", config.httpRoutes().size())
                                  .build(),
                          HealthCheckType.READINESS, "edge")
                .build();
        WebServer server = WebServer.builder()
                .config(serverConfig)
                .addFeature(ObserveFeature.just(health))
                .routing(routing -> routing(routing, httpApi))
                .build()
                .start();
        LOG.log(System.Logger.Level.INFO, "edge listening on http://127.0.0.1:" + server.port()
                + " (" + config.httpRoutes().size() + " HTTP routes)");
        return new Edge(server);
    }

    static void routing(HttpRouting.Builder routing, HttpApi httpApi) {
        routing.any((req, res) -> {
            // The edge's own endpoints (health) are served by the observe feature, not proxied.
            if (req.path().rawPath().startsWith("/observe/")) {
                res.next();
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
        server.stop();
    }
}
