package io.wechat.chat.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.web.Json;

/**
 * The real local edge (localstack/edge, API Gateway's stand-in) as a child process: its WebSocket API delivers
 * route events to the chat-service under test, and its @connections API is the fan-out's endpoint. Built by
 * {@code make up}/{@code make test}; by hand: {@code mvn -f localstack/edge/pom.xml package -DskipTests}.
 * Without the jar the tests fail saying so: a fake edge would only test chat-service against our own
 * reading of API Gateway, which is what the edge exists to pin down.
 */
public final class TestEdge implements AutoCloseable {
    private static final Path JAR = Path.of(System.getProperty("user.dir"), "..", "..", "localstack", "edge", "target", "edge.jar")
            .normalize();
    public final int port;
    private Process process;

    /** Reserves the edge's port first: chat-service needs it as its management endpoint before the edge starts. */
    public TestEdge() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("The local edge is not built (" + JAR + "): run the integration tests "
                    + "through `make test`, or build it with `mvn -B -q -f localstack/edge/pom.xml package -DskipTests`");
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String webSocketUrl(String token) {
        return "ws://127.0.0.1:" + port + "/ws?token=" + token;
    }

    /**
     * Starts the edge in front of chat-service at {@code chatServiceUrl} with the test issuer's keys, delivering the
     * batches of {@code messagesStreamArn} (the fixture's messages table) to its POST /events as Lambda would.
     */
    public TestEdge start(String chatServiceUrl, TestIdentity identity, String messagesStreamArn) {
        try {
            Path outputs = Files.createTempFile("chat-it-terraform-outputs", ".json");
            outputs.toFile().deleteOnExit();
            Files.writeString(outputs, Json.write(Map.of(
                    "http_routes", Map.of("value", List.of(
                            route("GET /conversations", "JWT"),
                            route("POST /conversations", "JWT"),
                            route("POST /conversations/{id}/messages", "JWT"),
                            route("GET /presence", "JWT"),
                            route("GET /conversations/{id}/messages", "JWT"),
                            route("PATCH /conversations/{id}/messages/{messageId}", "JWT"),
                            route("GET /conversations/{id}", "JWT"),
                            route("PATCH /conversations/{id}", "JWT"),
                            route("POST /conversations/{id}/members", "JWT"),
                            route("PATCH /conversations/{id}/members/{userId}", "JWT"),
                            route("DELETE /conversations/{id}/members/{userId}", "JWT"),
                            route("POST /conversations/{id}/owner", "JWT"),
                            route("DELETE /conversations/{id}/messages/{messageId}", "JWT"),
                            route("PUT /conversations/{id}/settings", "JWT"),
                            route("GET /messages/search", "JWT"),
                            route("POST /reports", "JWT"),
                            adminRoute("DELETE /admin/conversations/{id}/messages/{messageId}"),
                            adminRoute("GET /admin/reports"),
                            adminRoute("POST /admin/reports/{reportId}/resolve"),
                            adminRoute("GET /admin/stats"),
                            adminRoute("GET /admin/audit"))),
                    "websocket_routes", Map.of("value", List.of(
                            route("$connect", "JWT"), route("$disconnect", "NONE"), route("$default", "NONE"),
                            route("sendMessage", "NONE"), route("typing", "NONE"), route("ping", "NONE"))),
                    "event_source_mappings", Map.of("value", List.of()),
                    "stream_event_source_mappings", Map.of("value", List.of(Map.of(
                            "stream_arn", messagesStreamArn, "service", "chat-service", "batch_size", 100,
                            "maximum_batching_window_seconds", 0, "maximum_retry_attempts", 3,
                            "bisect_batch_on_function_error", true, "starting_position", "TRIM_HORIZON"))))));
            String java = ProcessHandle.current().info().command().orElse("java");
            File log = Path.of(System.getProperty("user.dir"), "target", "edge-it.log").toFile();
            var builder = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", JAR.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            Map<String, String> env = builder.environment();
            env.put("SERVER_PORT", String.valueOf(port));
            env.put("SERVER_HOST", "127.0.0.1");
            env.put("EDGE_TERRAFORM_OUTPUTS", outputs.toString());
            env.put("SERVICE_URLS", "chat-service=" + chatServiceUrl);
            env.put("JWT_ISSUER", TestIdentity.ISSUER);
            env.put("JWT_AUDIENCE", TestIdentity.AUDIENCE);
            env.put("JWT_JWKS_URL", identity.jwksUrl());
            env.put("ESM_ENABLED", "true");
            env.put("ESM_WAIT_TIME_SECONDS", "1");
            env.put("AWS_ENDPOINT_URL", TestCloud.endpoint().toString());
            env.put("AWS_REGION", TestCloud.region());
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            env.remove("CORS_ALLOWED_ORIGINS");
            process = builder.start();
            awaitHealthy();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> route(String key, String authorization) {
        return Map.of("route_key", key, "service", "chat-service", "authorization", authorization);
    }

    /** As the route table has it: a JWT with the admin scope. */
    private static Map<String, Object> adminRoute(String key) {
        return Map.of("route_key", key, "service", "chat-service", "authorization", "JWT", "scopes", List.of("admin"));
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The edge exited with " + process.exitValue() + "; see target/edge-it.log");
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url() + "/observe/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 300) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("The edge did not become healthy in 90 s; see target/edge-it.log");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
