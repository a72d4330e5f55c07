package io.wechat.kit.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.wechat.kit.web.Json;

/** A small HTTP client for the service under test. */
public final class Api {
    private static final int LARGE_BODY_CHARS = 64 * 1024;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response: status and the parsed JSON body (MissingNode when empty). */
    public record Response(int status, JsonNode body) {
        public String errorCode() {
            return body.path("error").path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    public Response put(String path, String token, Object body) {
        return call("PUT", path, token, body);
    }

    public Response patch(String path, String token, Object body) {
        return call("PATCH", path, token, body);
    }

    public Response delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    public Response call(String method, String path, String token, Object body) {
        String raw = body == null ? null : body instanceof String s ? s : Json.write(body);
        return raw(method, path, token, raw);
    }

    public Response raw(String method, String path, String token, String body) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
            // A large body waits for the server's go-ahead, as curl's does: a server that refuses it by its
            // Content-Length (413) then answers before any of it is sent, instead of closing a connection the
            // client is still writing to (which can lose the answer).
            request.expectContinue(body.length() > LARGE_BODY_CHARS);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = response.body().length == 0 || !isJson ? MissingNode.getInstance() : Json.tree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
