package io.wechat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The public HTTP surface through the edge, as a client sees it. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http;
    final String base;

    record Response(int status, JsonNode body, String raw) {
    }

    Api(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    Response post(String path, String token, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), token);
    }

    Response patch(String path, String token, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), token);
    }

    private Response send(HttpRequest.Builder b, String token) throws IOException, InterruptedException {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node;
        try {
            node = r.body() == null || r.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(r.body());
        } catch (IOException e) {
            node = MissingNode.getInstance();
        }
        return new Response(r.statusCode(), node, r.body());
    }
}
