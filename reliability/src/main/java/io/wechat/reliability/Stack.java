package io.wechat.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack under test, from the same variables the local cloud's scripts read: the repository root
 * ({@code RELIABILITY_ROOT}, else the working directory), the state folder ({@code LOCAL_STATE_DIR}, else
 * {@code .local}), and every port.
 */
final class Stack {
    static final List<String> SERVICES = List.of("user-service", "chat-service", "media-service", "notification-service");

    final Path root;
    final Path state;
    final int edgePort;
    final int awsPort;
    final Map<String, Integer> servicePorts = new LinkedHashMap<>();

    Stack() {
        root = Path.of(env("RELIABILITY_ROOT", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        String stateDir = env("LOCAL_STATE_DIR", "");
        state = stateDir.isEmpty() ? root.resolve(".local") : Path.of(stateDir).toAbsolutePath();
        edgePort = Integer.parseInt(env("EDGE_PORT", "8080"));
        awsPort = Integer.parseInt(env("AWS_PORT", "4566"));
        servicePorts.put("user-service", Integer.parseInt(env("USER_SERVICE_PORT", "8081")));
        servicePorts.put("chat-service", Integer.parseInt(env("CHAT_SERVICE_PORT", "8082")));
        servicePorts.put("media-service", Integer.parseInt(env("MEDIA_SERVICE_PORT", "8083")));
        servicePorts.put("notification-service", Integer.parseInt(env("NOTIFICATION_SERVICE_PORT", "8084")));
    }

    String edgeUrl() {
        return "http://127.0.0.1:" + edgePort;
    }

    String awsEndpoint() {
        return "http://127.0.0.1:" + awsPort;
    }

    /** The folder reports go to: {@code RELIABILITY_RESULTS}, else reliability/results. */
    Path results() {
        return Path.of(env("RELIABILITY_RESULTS", root.resolve("reliability/results").toString()));
    }

    /** user-service's signing keys (current, next, previous), as make up writes them. */
    Path signingKeys() {
        return state.resolve("keys/jwt-signing-keys.json");
    }

    /** A value of a service's generated environment file (.local/env/<service>.env), or null. */
    String serviceEnv(String service, String name) {
        try {
            for (String line : Files.readAllLines(state.resolve("env/" + service + ".env"))) {
                if (line.startsWith(name + "=")) {
                    String value = line.substring(name.length() + 1).trim();
                    return value.length() > 1 && (value.startsWith("'") || value.startsWith("\""))
                            ? value.substring(1, value.length() - 1) : value;
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
