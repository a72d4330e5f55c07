package io.wechat.chat.realtime;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness: Redis (connections, presence) answers PING. */
public final class RedisHealthCheck implements HealthCheck {
    private final ConnectionRegistry registry;

    public RedisHealthCheck(ConnectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.builder().status(registry.ping()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder().status(HealthCheckResponse.Status.DOWN)
                    .detail("error", e.getClass().getSimpleName()).build();
        }
    }
}
