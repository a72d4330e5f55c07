package io.wechat.edge;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A service that is not running, or dies with a request in flight (kill -9 mid-send): the client gets a 503 or a 502
 * in the API's error format, never a 500, so that it retries as after any other retryable error.
 */
class IntegrationFailureIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Upstream upstream;
    private Edge edge;
    private ServerSocket dying;
    private Thread acceptor;

    @AfterEach
    void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (acceptor != null) {
            acceptor.interrupt();
        }
        if (dying != null) {
            dying.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void aServiceThatDiesMidRequestGetsA502InTheErrorFormat() throws Exception {
        // Reads the request, then closes without a byte of answer: what a process killed mid-request leaves behind.
        dying = new ServerSocket(0);
        acceptor = Thread.ofVirtual().start(() -> {
            while (!dying.isClosed()) {
                try (Socket socket = dying.accept()) {
                    InputStream in = socket.getInputStream();
                    in.read(new byte[8192]);
                } catch (IOException e) {
                    return;
                }
            }
        });
        upstream = new Upstream();
        edge = startWithChatServiceAt("http://127.0.0.1:" + dying.getLocalPort());

        HttpResponse<String> response = sendMessage();
        assertEquals(502, response.statusCode(), response.body());
        assertErrorFormat(response, "bad_gateway");
    }

    @Test
    void aServiceThatIsNotRunningGetsA503InTheErrorFormat() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        upstream = new Upstream();
        edge = startWithChatServiceAt("http://127.0.0.1:" + closedPort);

        HttpResponse<String> response = sendMessage();
        assertEquals(503, response.statusCode(), response.body());
        assertErrorFormat(response, "service_unavailable");
    }

    private Edge startWithChatServiceAt(String url) {
        return TestEdge.start(upstream, TestEdge.outputs(), Map.of("SERVICE_URLS",
                "user-service=" + upstream.url() + ",chat-service=" + url + ",notification-service=" + upstream.url()));
    }

    private HttpResponse<String> sendMessage() throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/conversations/c1/messages"))
                .header("Authorization", "Bearer " + upstream.token("u1"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientMessageId\":\"m1\",\"type\":\"text\",\"text\":\"hi\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertErrorFormat(HttpResponse<String> response, String code) {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode error = Json.parse(response.body()).path("error");
        assertEquals(code, error.path("code").asText());
        assertFalse(error.path("message").asText().isBlank());
    }
}
