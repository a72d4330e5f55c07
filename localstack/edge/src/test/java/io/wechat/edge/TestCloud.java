package io.wechat.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The AWS emulator the integration tests use: the running local cloud's, named by AWS_ENDPOINT_URL. */
final class TestCloud {
    private static String runPrefix;

    private TestCloud() {
    }

    /**
     * A name for a table, queue or bucket a test makes in the emulator: {@code <run prefix>-<what>-<random>}, under a
     * prefix recorded as this JVM's by {@code localstack/bin/test-run-prefix}, so that {@code tf-fixture-sweep} deletes
     * whatever a test leaves behind (a JVM that ends before its clean-up) once this JVM has ended, and nothing sooner.
     */
    static String name(String what) {
        return runPrefix() + "-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static synchronized String runPrefix() {
        if (runPrefix == null) {
            // Maven runs the tests in the module's folder, localstack/edge.
            Path script = Path.of("..", "bin", "test-run-prefix").toAbsolutePath().normalize();
            try {
                Process process = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String prefix = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (process.waitFor() != 0 || !prefix.startsWith("it-")) {
                    throw new IllegalStateException(script + " failed: " + prefix);
                }
                runPrefix = prefix;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return runPrefix;
    }

    static String endpoint() {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalStateException("AWS_ENDPOINT_URL is not set: run the edge's tests through `make test` "
                    + "(or start moto_server and set AWS_ENDPOINT_URL yourself, see localstack/edge/README.md)");
        }
        return endpoint;
    }

    static SqsClient sqs() {
        return emulator(SqsClient.builder()).build();
    }

    static DynamoDbClient dynamoDb() {
        return emulator(DynamoDbClient.builder()).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B emulator(B builder) {
        return builder.endpointOverride(URI.create(endpoint()))
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    static S3Client s3() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(true)
                .build();
    }
}
