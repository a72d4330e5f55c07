package io.wechat.kit.health;

import java.time.Duration;
import java.util.function.Supplier;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * A readiness check of one dependency (a database, a cache, a table): UP when its probe answers, DOWN when the
 * probe throws. Readiness only: a dependency that is down never makes the process look dead (see {@link Health}).
 */
public final class DependencyCheck implements HealthCheck {
    private final String name;
    private final Supplier<String> probe;

    private DependencyCheck(String name, Supplier<String> probe) {
        this.name = name;
        this.probe = probe;
    }

    /** {@code probe} returns a short answer to show (a version, a status) or throws when the dependency is down. */
    public static DependencyCheck of(String name, Supplier<String> probe) {
        return new DependencyCheck(name, probe);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        long start = System.nanoTime();
        try {
            String answer = probe.get();
            return HealthCheckResponse.builder()
                    .status(HealthCheckResponse.Status.UP)
                    .detail("answer", answer == null ? "" : answer)
                    .detail("latencyMs", Duration.ofNanos(System.nanoTime() - start).toMillis())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder()
                    .status(HealthCheckResponse.Status.DOWN)
                    .detail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
