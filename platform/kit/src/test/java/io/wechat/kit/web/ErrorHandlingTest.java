package io.wechat.kit.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** AWS SDK failures as the API answers them: a throttled call is 429 with Retry-After, any other is 503, never 500. */
class ErrorHandlingTest {
    private static WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = WebServer.builder().host("127.0.0.1").port(0).featuresDiscoverServices(false)
                .routing(routing -> {
                    ErrorHandling.register(routing);
                    routing.get("/provisioned-throughput", (req, res) -> {
                        throw awsError(ProvisionedThroughputExceededException.builder(), "ProvisionedThroughputExceededException");
                    }).get("/throttling", (req, res) -> {
                        throw awsError(AwsServiceException.builder(), "ThrottlingException");
                    }).get("/missing-table", (req, res) -> {
                        throw awsError(ResourceNotFoundException.builder(), "ResourceNotFoundException");
                    });
                })
                .build().start();
    }

    /** The exception as the SDK builds it from DynamoDB's 400 answer with this error code. */
    private static AwsServiceException awsError(AwsServiceException.Builder builder, String code) {
        return builder.statusCode(400).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("DynamoDb").build())
                .build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void dynamoDbsThroughputExceededIs429WithRetryAfter() throws Exception {
        HttpResponse<String> response = get("/provisioned-throughput");
        assertThat(response.statusCode(), is(429));
        assertThat(response.headers().firstValue("Retry-After").orElse(""), is("1"));
        assertThat(Json.tree(response.body().getBytes()).path("error").path("code").asText(), is("throttled"));
    }

    @Test
    void aThrottlingExceptionIs429WithRetryAfter() throws Exception {
        HttpResponse<String> response = get("/throttling");
        assertThat(response.statusCode(), is(429));
        assertThat(response.headers().firstValue("Retry-After").orElse(""), is("1"));
    }

    @Test
    void anyOtherAwsFailureIs503WithoutRetryAfter() throws Exception {
        HttpResponse<String> response = get("/missing-table");
        assertThat(response.statusCode(), is(503));
        assertThat(response.headers().firstValue("Retry-After").isPresent(), is(false));
        assertThat(Json.tree(response.body().getBytes()).path("error").path("code").asText(), is("storage_unavailable"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
