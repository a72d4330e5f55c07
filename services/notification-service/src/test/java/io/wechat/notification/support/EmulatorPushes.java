package io.wechat.notification.support;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.web.Json;

/**
 * What the emulator recorded as published to a platform endpoint, read from LocalStack's
 * {@code /_aws/sns/platform-endpoint-messages}, which the project's moto launcher
 * ({@code localstack/emulator/moto_server.py}) answers too.
 */
public final class EmulatorPushes {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmulatorPushes() {
    }

    /** The messages published to this endpoint, oldest first. */
    public static List<String> messages(String endpointArn) {
        List<String> messages = new ArrayList<>();
        JsonNode localStack = get("/_aws/sns/platform-endpoint-messages?endpointArn="
                + URLEncoder.encode(endpointArn, StandardCharsets.UTF_8));
        if (localStack == null) {
            throw new IllegalStateException("The emulator exposes no record of platform endpoint messages:"
                    + " start moto through localstack/emulator/moto_server.py (make up / make test do)");
        }
        localStack.path("platform_endpoint_messages").path(endpointArn)
                .forEach(m -> messages.add(m.path("Message").asText()));
        return messages;
    }

    private static JsonNode get(String path) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(TestCloud.endpoint().resolve(path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? Json.tree(response.body()) : null;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + " from the emulator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
