package io.wechat.kit.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.wechat.kit.health.DependencyCheck;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** A started server has each health check warmed once beside its start, whether or not anyone asks for health. */
class ServersTest {
    @Test
    void startRunsEveryCheckOnceWithoutARequest() throws Exception {
        CountDownLatch database = new CountDownLatch(1);
        CountDownLatch cache = new CountDownLatch(1);
        List<DependencyCheck> checks = List.of(
                DependencyCheck.of("database", () -> {
                    database.countDown();
                    return "up";
                }),
                DependencyCheck.of("cache", () -> {
                    cache.countDown();
                    throw new IllegalStateException("a check that fails at start does not fail the start");
                }));
        Config server = Config.just(ConfigSources.create(Map.of("port", "0", "host", "127.0.0.1")));
        WebServer started = Servers.start(server, checks, builder -> builder.featuresDiscoverServices(false));
        try {
            assertThat(started.isRunning(), is(true));
            assertThat(database.await(30, TimeUnit.SECONDS), is(true));
            assertThat(cache.await(30, TimeUnit.SECONDS), is(true));
        } finally {
            started.stop();
        }
    }
}
