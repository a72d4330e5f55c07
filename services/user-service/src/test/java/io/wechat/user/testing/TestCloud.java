package io.wechat.user.testing;

import java.net.URI;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one source of the AWS endpoint for tests: {@code AWS_ENDPOINT_URL} (the running local cloud, as
 * {@code make test} sets it); else, with {@code LOCAL_CLOUD=localstack} and a Docker engine, a LocalStack
 * container; else a clear failure.
 */
public final class TestCloud {
    private static final String LOCALSTACK_IMAGE = "localstack/localstack:4";
    private static URI endpoint;

    private TestCloud() {
    }

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            endpoint = resolve();
        }
        return endpoint;
    }

    public static String region() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? "us-east-1" : region;
    }

    /** Emulators accept any credentials; the service's SDK default chain finds these system properties. */
    public static void useTestCredentialsUnlessSet() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }

    public static SnsClient sns() {
        return SnsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region()))
                .credentialsProvider(credentials())
                .endpointOverride(endpoint())
                .build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region()))
                .credentialsProvider(credentials())
                .endpointOverride(endpoint())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        String key = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        return StaticCredentialsProvider.create(key == null || secret == null
                                                        ? AwsBasicCredentials.create("test", "test")
                                                        : AwsBasicCredentials.create(key, secret));
    }

    private static URI resolve() {
        String configured = System.getenv("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured);
        }
        if ("localstack".equals(System.getenv("LOCAL_CLOUD")) && DockerClientFactory.instance().isDockerAvailable()) {
            LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                    .withServices(LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS);
            localStack.start();
            Runtime.getRuntime().addShutdownHook(new Thread(localStack::stop));
            return localStack.getEndpoint();
        }
        throw new IllegalStateException("No AWS emulator: run through `make test` (it sets AWS_ENDPOINT_URL), "
                                                + "or set LOCAL_CLOUD=localstack with a Docker engine available");
    }
}
