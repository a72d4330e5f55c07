package io.wechat.user.health;

import java.time.Duration;
import java.util.function.Supplier;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.lettuce.core.api.sync.RedisCommands;
import org.jdbi.v3.core.Jdbi;

/**
 * Readiness checks of the service's dependencies; any DOWN makes {@code /observe/health} answer 503.
 */
public final class DependencyChecks {
    private DependencyChecks() {
    }

    public static HealthCheck postgres(Jdbi jdbi) {
        return check("postgresql", () -> jdbi.withHandle(h -> h.createQuery("select version()")
                .mapTo(String.class)
                .one()));
    }

    public static HealthCheck redis(Supplier<RedisCommands<String, String>> redis) {
        return check("redis", () -> redis.get().ping());
    }

    private static HealthCheck check(String name, Supplier<String> probe) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                long start = System.nanoTime();
                try {
                    String answer = probe.get();
                    return HealthCheckResponse.builder()
                            .status(true)
                            .detail("answer", answer)
                            .detail("latencyMs", Duration.ofNanos(System.nanoTime() - start).toMillis())
                            .build();
                } catch (RuntimeException e) {
                    return HealthCheckResponse.builder()
                            .status(false)
                            .detail("error", String.valueOf(e.getMessage()))
                            .build();
                }
            }
        };
    }
}
