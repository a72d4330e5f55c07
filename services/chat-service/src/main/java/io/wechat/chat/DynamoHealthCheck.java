package io.wechat.chat;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.wechat.chat.storage.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Readiness: both DynamoDB tables answer. */
final class DynamoHealthCheck implements HealthCheck {
    private final DynamoDbClient dynamo;
    private final Tables tables;

    DynamoHealthCheck(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
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
            for (String table : new String[] {tables.messages(), tables.conversations()}) {
                String status = dynamo.describeTable(b -> b.tableName(table)).table().tableStatusAsString();
                response.detail(table, status);
            }
            return response.status(HealthCheckResponse.Status.UP).build();
        } catch (RuntimeException e) {
            return response.status(HealthCheckResponse.Status.DOWN).detail("error", e.getClass().getSimpleName()).build();
        }
    }
}
