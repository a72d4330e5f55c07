package io.wechat.media;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Readiness: the media bucket and the media table answer. */
final class StorageHealthCheck implements HealthCheck {
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final String bucket;
    private final String table;

    StorageHealthCheck(S3Client s3, DynamoDbClient dynamo, String bucket, String table) {
        this.s3 = s3;
        this.dynamo = dynamo;
        this.bucket = bucket;
        this.table = table;
    }

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.builder();
        try {
            s3.headBucket(b -> b.bucket(bucket));
            response.detail("s3:" + bucket, "OK");
            response.detail("dynamodb:" + table, dynamo.describeTable(b -> b.tableName(table)).table().tableStatusAsString());
            return response.status(HealthCheckResponse.Status.UP).build();
        } catch (RuntimeException e) {
            return response.status(HealthCheckResponse.Status.DOWN).detail("error", e.getClass().getSimpleName()).build();
        }
    }
}
