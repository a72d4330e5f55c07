package io.wechat.kit.web;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.wechat.kit.events.EventsGuard;
import io.wechat.kit.health.DependencyCheck;
import io.wechat.kit.health.Health;

/** The server-wide setup of a service: the same in every one, so that its {@code Main} says only what is its own. */
public final class Servers {
    private Servers() {
    }

    /**
     * Builds the server from {@code serverConfig} (the {@code server} section) and {@code setUp}, and starts it, with
     * each of {@code checks} run once in the background meanwhile: the first {@code /observe/health} then finds its
     * clients' first request done (connections open, classes loaded). Health still runs every check on every request;
     * readiness never comes from this.
     */
    public static WebServer start(Config serverConfig, List<? extends HealthCheck> checks,
                                  Consumer<WebServerConfig.Builder> setUp) {
        checks.forEach(check -> Thread.ofVirtual().name("warm-up " + check.name()).start(check::call));
        return WebServer.builder().config(serverConfig).update(setUp).build().start();
    }

    /**
     * JSON bodies for the errors Helidon answers itself, the observe endpoints (health with {@code checks} as
     * readiness, metrics), and {@code routes} behind the {@link EventsGuard}: {@code edgeSecret} (locally) closes
     * {@code POST /events} to all but the edge; empty leaves it open, as in AWS, where only Lambda's runtime reaches it.
     */
    public static void setUp(WebServerConfig.Builder server, List<DependencyCheck> checks, Optional<String> edgeSecret,
                             Consumer<HttpRouting.Builder> routes) {
        server.directHandlers(ErrorHandling.directHandlers())
                .addFeature(ObserveFeature.builder()
                        .addObserver(Health.observer(checks))
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(routing -> routes.accept(routing.addFilter(new EventsGuard(edgeSecret))));
    }
}
