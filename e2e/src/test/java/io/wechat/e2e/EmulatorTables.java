package io.wechat.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the local cloud's DynamoDB tables, where a client cannot look: what a service erased for a user who is gone
 * (and so has no token to ask with). The emulator ({@code E2E_AWS_ENDPOINT}, default http://localhost:4566) speaks
 * DynamoDB's JSON protocol and checks no signature, so a plain HTTP request with a credential scope does.
 */
final class EmulatorTables {
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmulatorTables(URI endpoint) {
        this.endpoint = endpoint;
    }

    static EmulatorTables fromEnvironment() {
        String url = System.getenv("E2E_AWS_ENDPOINT");
        return new EmulatorTables(URI.create(url == null || url.isBlank() ? "http://localhost:4566" : url));
    }

    /** The sort keys of every item under the partition key {@code pk} of {@code table}. */
    List<String> sortKeys(String table, String pk) {
        String body = Edge.toJson(Map.of("TableName", table, "KeyConditionExpression", "pk = :pk",
                "ExpressionAttributeValues", Map.of(":pk", Map.of("S", pk)), "ConsistentRead", true));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.Query")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=e2e/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("Query " + table + " " + pk + ": " + response.statusCode() + " " + response.body());
            }
            List<String> keys = new ArrayList<>();
            for (JsonNode item : Edge.parse(response.body()).path("Items")) {
                keys.add(item.path("sk").path("S").asText());
            }
            return keys;
        } catch (IOException e) {
            throw new AssertionError("Query " + table + " at " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
