package io.wechat.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** Starts a real edge on a free port, configured like make up does: a terraform-outputs.json and environment variables. */
final class TestEdge {
    private TestEdge() {
    }

    static ObjectNode outputs() {
        ObjectNode outputs = Json.object();
        ArrayNode http = outputs.putObject("http_routes").putArray("value");
        route(http, "POST /auth/login", "user-service", "NONE");
        route(http, "GET /.well-known/jwks.json", "user-service", "NONE");
        route(http, "GET /users/me", "user-service", "JWT");
        route(http, "GET /users/{userId}", "user-service", "JWT");
        route(http, "POST /conversations/{id}/messages", "chat-service", "JWT");
        route(http, "GET /admin/stats", "chat-service", "JWT").putArray("scopes").add("admin");
        route(http, "ANY /files/{proxy+}", "chat-service", "NONE");
        route(http, "GET /files/readme", "user-service", "NONE");
        route(http, "POST /uploads/created", "chat-service", "NONE");
        ArrayNode ws = outputs.putObject("websocket_routes").putArray("value");
        route(ws, "$connect", "chat-service", "JWT");
        route(ws, "$disconnect", "chat-service", "NONE");
        route(ws, "$default", "chat-service", "NONE");
        route(ws, "sendMessage", "chat-service", "NONE");
        route(ws, "ping", "chat-service", "NONE").put("route_response", true);
        outputs.putObject("event_source_mappings").putArray("value");
        return outputs;
    }

    static ObjectNode route(ArrayNode routes, String key, String service, String authorization) {
        return routes.addObject().put("route_key", key).put("service", service).put("authorization", authorization);
    }

    /** A port that was free a moment ago, for an edge that must know its own origin before it starts. */
    static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Edge start(Upstream upstream, ObjectNode outputs, Map<String, String> extraEnv) {
        return start(upstream, outputs, extraEnv, Map.of());
    }

    /** As {@link #start(Upstream, ObjectNode, Map)}, with more of the web server's own settings ({@code server.*}). */
    static Edge start(Upstream upstream, ObjectNode outputs, Map<String, String> extraEnv, Map<String, String> extraServer) {
        try {
            Path file = Files.createTempFile("terraform-outputs", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, Json.write(outputs));
            Map<String, String> env = new HashMap<>(upstream.edgeEnvironment(file.toString()));
            env.put("CORS_ALLOWED_ORIGINS", "http://localhost:3000");
            env.put("ESM_ENABLED", "false");
            env.putAll(extraEnv);
            Map<String, String> serverSettings = new HashMap<>(Map.of("port", env.getOrDefault("SERVER_PORT", "0"), "host", "127.0.0.1",
                                                                      "max-payload-size", "-1"));
            serverSettings.putAll(extraServer);
            Config server = Config.just(ConfigSources.create(serverSettings));
            return Edge.start(server, EdgeConfig.from(env));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
