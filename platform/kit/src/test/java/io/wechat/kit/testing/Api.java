package io.wechat.kit.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.wechat.kit.web.Json;

/** A small HTTP client for the service under test. */
public final class Api {
    private static final int LARGE_BODY_CHARS = 64 * 1024;
    private static final String[] NO_HEADERS = {};
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String[] everyRequestHeaders;

    public Api(String baseUrl) {
        this(baseUrl, NO_HEADERS);
    }

    /** With headers (name, value, name, value ...) sent on every request, e.g. the request context an edge adds. */
    public Api(String baseUrl, String... everyRequestHeaders) {
        this.baseUrl = baseUrl;
        this.everyRequestHeaders = everyRequestHeaders.clone();
    }

    /**
     * A response: status, the parsed JSON body (MissingNode when empty or not JSON), the headers and the body as
     * text.
     */
    public record Response(int status, JsonNode body, HttpHeaders headers, String text) {
        public Response(int status, JsonNode body) {
            this(status, body, HttpHeaders.of(Map.of(), (name, value) -> true), "");
        }

        public String errorCode() {
            return body.path("error").path("code").asText(null);
        }

        /** The first value of the header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
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
        return call(method, path, token, body, NO_HEADERS);
    }

    /** With more headers (name, value, name, value ...). */
    public Response call(String method, String path, String token, Object body, String... headers) {
        String raw = body == null ? null : body instanceof String s ? s : Json.write(body);
        return raw(method, path, token, raw, headers);
    }

    public Response raw(String method, String path, String token, String body) {
        return raw(method, path, token, body, NO_HEADERS);
    }

    /** A JSON body as given (possibly malformed), with more headers (name, value, name, value ...). */
    public Response raw(String method, String path, String token, String body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
            expectContinueIfLarge(request, body.length());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request, method, path, headers);
    }

    /** Bytes as the body (the headers name their type), for bodies no JSON client would send. */
    public Response bytes(String method, String path, byte[] body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        expectContinueIfLarge(request, body.length);
        return send(request, method, path, headers);
    }

    /**
     * A large body waits for the server's go-ahead, as curl's does: a server that refuses it by its Content-Length
     * (413) then answers before any of it is sent, instead of closing a connection the client is still writing to
     * (which can lose the answer).
     */
    private static void expectContinueIfLarge(HttpRequest.Builder request, int length) {
        request.expectContinue(length > LARGE_BODY_CHARS);
    }

    private Response send(HttpRequest.Builder request, String method, String path, String... headers) {
        if (everyRequestHeaders.length > 0) {
            request.headers(everyRequestHeaders);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = response.body().length == 0 || !isJson ? MissingNode.getInstance() : Json.tree(response.body());
            return new Response(response.statusCode(), json, response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
