package io.wechat.kit.testing;

import java.net.URI;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one place tests get their AWS endpoint from: AWS_ENDPOINT_URL (the running local cloud, as `make test`
 * sets it); else, with LOCAL_CLOUD=localstack and a Docker engine, a LocalStack container; else the tests fail
 * with a message saying how to run them. {@code TestCloud.configure(DynamoDbClient.builder()).build()} gives a
 * client of any AWS service against it.
 */
public final class TestCloud {
    public static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();
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
                    .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.DYNAMODB,
                                  LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS);
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

    public static AwsCredentialsProvider credentials() {
        endpoint();
        if (localStack != null || System.getenv("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Endpoint, region, credentials and (for a synchronous client) the URL-connection HTTP client. */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.endpointOverride(endpoint()).region(Region.of(region())).credentialsProvider(credentials());
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(HTTP);
        }
        return builder;
    }
}
