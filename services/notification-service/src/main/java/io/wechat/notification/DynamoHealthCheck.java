package io.wechat.notification;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Readiness: the notifications table answers. */
final class DynamoHealthCheck implements HealthCheck {
    private final DynamoDbClient dynamo;
    private final Table table;

    DynamoHealthCheck(DynamoDbClient dynamo, Table table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.builder();
        try {
            String status = dynamo.describeTable(b -> b.tableName(table.name())).table().tableStatusAsString();
            return response.status(HealthCheckResponse.Status.UP).detail(table.name(), status).build();
        } catch (RuntimeException e) {
            return response.status(HealthCheckResponse.Status.DOWN).detail("error", e.getClass().getSimpleName()).build();
        }
    }
}
