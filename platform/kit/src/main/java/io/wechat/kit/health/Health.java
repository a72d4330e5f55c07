package io.wechat.kit.health;

import java.util.List;

import io.helidon.health.HealthCheck;
import io.helidon.webserver.observe.health.HealthObserver;

/**
 * The health endpoints every service exposes, with the same meaning everywhere:
 * <ul>
 *   <li>{@code /observe/health/live}: liveness, no dependency checks; 200 whenever the process serves HTTP. The
 *   Lambda Web Adapter's readiness check and process supervisors use it, so that a dependency outage never keeps
 *   a cold start from serving the routes that need none.</li>
 *   <li>{@code /observe/health/ready}: readiness, the {@link DependencyCheck}s; 503 while any is DOWN.</li>
 *   <li>{@code /observe/health}: all of them, with details.</li>
 * </ul>
 */
public final class Health {
    private Health() {
    }

    public static HealthObserver observer(List<? extends HealthCheck> dependencyChecks) {
        return HealthObserver.builder()
                .details(true)
                .useSystemServices(false)
                .addChecks(dependencyChecks.toArray(HealthCheck[]::new))
                .build();
    }
}
