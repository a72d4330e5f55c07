package io.wechat.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The public surface as a client sees it: HTTP through the edge ({@code E2E_BASE_URL}, default
 * http://localhost:8080), WebSockets on its {@code /ws}, and plain URLs (presigned S3) fetched as they are.
 */
final class Edge {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    Edge(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    }

    /** {@code e2e.baseUrl} (system property), else {@code E2E_BASE_URL}, else http://localhost:8080. */
    static Edge fromEnvironment() {
        String url = System.getProperty("e2e.baseUrl");
        if (url == null || url.isBlank()) {
            url = System.getenv("E2E_BASE_URL");
        }
        return new Edge(url == null || url.isBlank() ? "http://localhost:8080" : url);
    }

    URI base() {
        return base;
    }

    /** ws://host:port/ws?token=... for the same edge. */
    URI webSocketUri(String token) {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getAuthority() + "/ws" + (token == null ? "" : "?token=" + token));
    }

    HttpClient http() {
        return http;
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    Reply post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Reply put(String path, String token, Object body) {
        return send("PUT", path, token, body);
    }

    Reply patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    Reply delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** One JSON request to the edge; {@code token} null sends no Authorization header. */
    Reply send(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = method + " " + path;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(what, response.statusCode(), parse(response.body()), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new AssertionError(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " interrupted", e);
        }
    }

    /** PUT bytes to a presigned URL with exactly the headers it was signed with (those the JDK sets itself aside). */
    HttpResponse<String> putBytes(String url, Map<String, String> headers, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("PUT " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("PUT interrupted", e);
        }
    }

    /** GET a URL as it is (a presigned download). */
    HttpResponse<byte[]> download(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("GET interrupted", e);
        }
    }

    static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
