package io.wechat.kit.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Liveness never depends on a dependency; readiness and the whole report do. */
class HealthTest {
    private static WebServer server;
    private static volatile boolean databaseUp;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        DependencyCheck database = DependencyCheck.of("database", () -> {
            if (!databaseUp) {
                throw new IllegalStateException("connection refused");
            }
            return "PostgreSQL 16";
        });
        server = WebServer.builder().host("127.0.0.1").port(0).featuresDiscoverServices(false)
                .addFeature(ObserveFeature.builder().addObserver(Health.observer(List.of(database))).build())
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void livenessAnswers200WhileADependencyIsDown() throws Exception {
        databaseUp = false;
        assertThat(get("/observe/health/live").statusCode(), is(200));
        HttpResponse<String> ready = get("/observe/health/ready");
        assertThat(ready.statusCode(), is(503));
        assertThat(ready.body(), containsString("database"));
        assertThat(get("/observe/health").statusCode(), is(503));
    }

    @Test
    void everythingIsUpWhenTheDependencyIs() throws Exception {
        databaseUp = true;
        assertThat(get("/observe/health/live").statusCode(), is(200));
        assertThat(get("/observe/health/ready").statusCode(), is(200));
        HttpResponse<String> all = get("/observe/health");
        assertThat(all.statusCode(), is(200));
        assertThat(all.body(), containsString("PostgreSQL 16"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                         HttpResponse.BodyHandlers.ofString());
    }
}
