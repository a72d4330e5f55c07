package io.wechat.edge;

import java.net.URI;

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
    private TestCloud() {
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
