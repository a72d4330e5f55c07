package io.wechat.kit.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The Web Adapter's SnapStart hooks: each resource closed before the snapshot and reopened after a restore. */
class SnapStartTest {
    private static final Map<String, String> ADAPTER_ENV = Map.of(
            SnapStart.BEFORE_CHECKPOINT_PATH, "/snapshot/before-checkpoint",
            SnapStart.AFTER_RESTORE_PATH, "/snapshot/after-restore");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private WebServer server;

    private SnapStart.Resource resource(String name, boolean failsToReopen) {
        return new SnapStart.Resource() {
            @Override
            public void beforeCheckpoint() {
                calls.add(name + " closed");
            }

            @Override
            public void afterRestore() {
                if (failsToReopen) {
                    throw new IllegalStateException(name + " cannot reconnect");
                }
                calls.add(name + " reopened");
            }
        };
    }

    private void start(Map<String, String> env, List<SnapStart.Resource> resources) {
        server = WebServer.builder().host("127.0.0.1").port(0).featuresDiscoverServices(false)
                .routing(routing -> {
                    ErrorHandling.register(routing);
                    SnapStart.register(routing, env, resources);
                })
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void closesInOrderBeforeTheSnapshotAndReopensInReverseAfterTheRestore() throws Exception {
        start(ADAPTER_ENV, List.of(resource("pool", false), resource("redis", false)));
        assertThat(post("/snapshot/before-checkpoint").statusCode(), is(204));
        assertThat(post("/snapshot/after-restore").statusCode(), is(204));
        assertThat(calls, is(List.of("pool closed", "redis closed", "redis reopened", "pool reopened")));
    }

    @Test
    void aHookThatFailsFailsThePhaseWithAJsonError() throws Exception {
        start(ADAPTER_ENV, List.of(resource("pool", true)));
        HttpResponse<String> restored = post("/snapshot/after-restore");
        assertThat(restored.statusCode(), is(503));
        assertThat(Json.tree(restored.body().getBytes()).path("error").path("code").asText(), is("snapstart_hook_failed"));
    }

    @Test
    void withoutTheAdaptersVariablesThereAreNoHooks() throws Exception {
        start(Map.of(), List.of(resource("pool", false)));
        assertThat(post("/snapshot/before-checkpoint").statusCode(), is(404));
        assertThat(calls, is(List.of()));
    }
}
