package io.wechat.user.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.wechat.user.web.Json;

/**
 * A small HTTP client for the service under test. Each instance poses as its own client address (the
 * {@code sourceIp} of the {@code x-amzn-request-context} that API Gateway's adapter, or the local edge, adds), so
 * the per-address limits of one test never trip another.
 */
public final class Api {
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String clientAddress;

    public Api(URI base) {
        this.base = base;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.clientAddress = "10.%d.%d.%d".formatted(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    /** The address this client poses as. */
    public String clientAddress() {
        return clientAddress;
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token);
    }

    public Response post(String path, String body, String token) {
        return send("POST", path, body, token);
    }

    public Response post(String path, String body) {
        return send("POST", path, body, null);
    }

    public Response patch(String path, String body, String token) {
        return send("PATCH", path, body, token);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    public Response send(String method, String path, String body, String token, String... headers) {
        List<String> all = new ArrayList<>(List.of("x-amzn-request-context", requestContext(clientAddress)));
        if (token != null) {
            all.addAll(List.of("Authorization", "Bearer " + token));
        }
        if (body != null) {
            all.addAll(List.of("Content-Type", "application/json"));
        }
        all.addAll(List.of(headers));
        return sendRaw(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), all.toArray(String[]::new));
    }

    /** The part of API Gateway's request context that a service reads. */
    public static String requestContext(String sourceIp) {
        return "{\"http\":{\"method\":\"GET\",\"sourceIp\":\"%s\"},\"stage\":\"$default\"}".formatted(sourceIp);
    }

    public Response sendRaw(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, body), headers);
    }

    /**
     * Sends a large body the way a careful client does, with {@code Expect: 100-continue}: a server that refuses it
     * (413) answers before the body is on the wire. Without it the server's answer races the client's upload, and
     * a connection closed mid-upload can leave the client with no response to read.
     */
    public Response sendLarge(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, body).expectContinue(true), headers);
    }

    private Response send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            if (body == null || body.isEmpty()) {
                return MissingNode.getInstance();
            }
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
