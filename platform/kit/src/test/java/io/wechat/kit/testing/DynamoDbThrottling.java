package io.wechat.kit.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB's answer to a request over the table's throughput, in place of the emulator's (which never throttles): the
 * request still goes to the emulator, and the SDK unmarshals the real {@code ProvisionedThroughputExceededException}
 * from the answer, exactly as from AWS. For tests of what a service tells its caller when DynamoDB throttles it.
 */
public final class DynamoDbThrottling implements ExecutionInterceptor {
    private static final String ERROR = "ProvisionedThroughputExceededException";
    private static final byte[] BODY = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + ERROR + "\",\"message\":"
            + "\"The level of configured provisioned throughput for the table was exceeded.\"}").getBytes(StandardCharsets.UTF_8);

    /**
     * A client of the emulator whose every call is throttled. Without retries: the SDK retries a throttled call with
     * back-off, and the test is about what happens once it gives up.
     */
    public static DynamoDbClient client() {
        return TestCloud.configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new DynamoDbThrottling())
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return context.httpResponse().toBuilder().statusCode(400).statusText("Bad Request")
                .putHeader("x-amzn-ErrorType", ERROR)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", String.valueOf(BODY.length))
                .removeHeader("x-amz-crc32")
                .build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return Optional.of(new ByteArrayInputStream(BODY));
    }
}
