package io.wechat.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A browser opening the app right after a restart: concurrent first requests with a valid token reach a freshly
 * started edge whose key cache is empty. Each must be authorized (none 401 because another request's key fetch
 * was still in flight), and the issuer is asked for its keys once.
 */
class FreshEdgeIT {
    private static final int CONCURRENT_FIRST_REQUESTS = 8;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Upstream upstream;
    private Edge edge;

    @BeforeEach
    void start() throws Exception {
        upstream = new Upstream();
        upstream.jwksDelay = Duration.ofMillis(300);
        edge = TestEdge.start(upstream, TestEdge.outputs(), Map.of());
    }

    @AfterEach
    void stop() {
        edge.close();
        upstream.close();
    }

    @Test
    void concurrentFirstRequestsWithAValidTokenAreAllAuthorized() throws Exception {
        String token = upstream.token("u1");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/users/me"))
                .header("Authorization", "Bearer " + token).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_FIRST_REQUESTS; i++) {
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var response : responses) {
            statuses.add(response.get().statusCode());
        }
        assertEquals(Collections.nCopies(CONCURRENT_FIRST_REQUESTS, 200), statuses);
        assertEquals(1, upstream.jwksFetches.get(), "one key fetch serves every waiting request");
    }
}
