package io.wechat.kit.web;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
