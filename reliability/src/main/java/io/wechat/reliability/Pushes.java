package io.wechat.reliability;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Endpoint;

/**
 * What was pushed to the offline devices, read back from the emulator: each device token's SNS platform endpoint
 * (from notification-service's FCM platform application), and its messages from
 * {@code /_aws/sns/platform-endpoint-messages}, counted by the messageId in the FCM payload.
 */
final class Pushes implements AutoCloseable {
    private final Stack stack;
    private final SnsClient sns;
    private final Api emulator;

    Pushes(Stack stack) {
        this.stack = stack;
        this.sns = SnsClient.builder().endpointOverride(URI.create(stack.awsEndpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.emulator = new Api(stack.awsEndpoint());
    }

    /** Per device token: messageId -> how many pushes carried it. */
    Map<String, Map<String, Integer>> byDeviceToken() {
        Map<String, Map<String, Integer>> pushes = new HashMap<>();
        String application = stack.serviceEnv("notification-service", "FCM_PLATFORM_APPLICATION_ARN");
        if (application == null) {
            return pushes;
        }
        Map<String, String> tokenByEndpoint = new HashMap<>();
        try {
            for (Endpoint endpoint : sns.listEndpointsByPlatformApplicationPaginator(r -> r.platformApplicationArn(application)).endpoints()) {
                tokenByEndpoint.put(endpoint.endpointArn(), endpoint.attributes().get("Token"));
            }
        } catch (RuntimeException e) {
            return pushes;
        }
        JsonNode all = emulator.get("/_aws/sns/platform-endpoint-messages", null).json().path("platform_endpoint_messages");
        all.fields().forEachRemaining(entry -> {
            String token = tokenByEndpoint.get(entry.getKey());
            if (token == null) {
                return;
            }
            Map<String, Integer> counts = pushes.computeIfAbsent(token, t -> new HashMap<>());
            for (JsonNode message : entry.getValue()) {
                JsonNode structure = Json.parse(message.path("Message").asText());
                String messageId = Json.parse(structure.path("GCM").asText()).path("fcmV1Message").path("message")
                        .path("data").path("messageId").asText("");
                if (!messageId.isEmpty()) {
                    counts.merge(messageId, 1, Integer::sum);
                }
            }
        });
        return pushes;
    }

    @Override
    public void close() {
        sns.close();
    }
}
