package io.wechat.notification.support;

import java.net.URI;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place tests get their AWS endpoint from: AWS_ENDPOINT_URL (the running local cloud, as
 * `make test` sets it); else, with LOCAL_CLOUD=localstack and a Docker engine, a LocalStack container;
 * else the tests fail with a message saying how to run them.
 */
public final class TestCloud {
    private static URI endpoint;
    private static LocalStackContainer localStack;

    private TestCloud() {
    }

    public static synchronized URI endpoint() {
        if (endpoint != null) {
            return endpoint;
        }
        String url = System.getenv("AWS_ENDPOINT_URL");
        if (url != null && !url.isBlank()) {
            endpoint = URI.create(url);
        } else if ("localstack".equals(System.getenv("LOCAL_CLOUD")) && DockerClientFactory.instance().isDockerAvailable()) {
            localStack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4"))
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS);
            localStack.start();
            endpoint = localStack.getEndpoint();
        } else {
            throw new IllegalStateException("No AWS emulator: run the integration tests through `make test` "
                    + "(or set AWS_ENDPOINT_URL to a running moto/LocalStack, or LOCAL_CLOUD=localstack with Docker)");
        }
        return endpoint;
    }

    public static String region() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? "us-east-1" : region;
    }

    public static DynamoDbClient dynamo() {
        return configure(DynamoDbClient.builder()).build();
    }

    public static SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    public static SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.endpointOverride(endpoint()).region(Region.of(region())).credentialsProvider(credentials());
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(HTTP);
        }
        return builder;
    }

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();

    private static AwsCredentialsProvider credentials() {
        if (localStack != null || System.getenv("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
