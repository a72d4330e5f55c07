package io.wechat.kit.web;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

/**
 * Lambda SnapStart through the Lambda Web Adapter. The adapter runs the service as a process of its own, so the JVM
 * never sees the snapshot's lifecycle (in-process {@code org.crac} hooks are not called); the adapter relays it over
 * HTTP instead: before the snapshot it POSTs the path in {@value #BEFORE_CHECKPOINT_PATH}, after a restore (before any
 * traffic) the one in {@value #AFTER_RESTORE_PATH}, and a non-2xx answer fails that phase. The routes exist only when
 * those variables are set (Terraform sets them on functions with SnapStart; API Gateway has no route to them).
 */
public final class SnapStart {
    public static final String BEFORE_CHECKPOINT_PATH = "AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH";
    public static final String AFTER_RESTORE_PATH = "AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH";
    private static final System.Logger LOG = System.getLogger(SnapStart.class.getName());

    /** What a snapshot must not hold (an open connection: its socket does not survive a restore), and its reopening. */
    public interface Resource {
        /** Closes what a snapshot must not hold; the service serves nothing until {@link #afterRestore}. */
        void beforeCheckpoint();

        /** Opens again what {@link #beforeCheckpoint} closed. */
        void afterRestore();
    }

    private SnapStart() {
    }

    /**
     * Adds the two hook routes named in {@code env} (none when absent): before the snapshot each resource's
     * {@link Resource#beforeCheckpoint} in order, after a restore each {@link Resource#afterRestore} in reverse order;
     * 204 when all succeeded, else 503 with the error, which fails the phase.
     */
    public static void register(HttpRouting.Builder routing, Map<String, String> env, List<Resource> resources) {
        path(env, BEFORE_CHECKPOINT_PATH).ifPresent(path -> routing.post(path, (req, res) ->
                run(res, "before the snapshot", () -> resources.forEach(Resource::beforeCheckpoint))));
        path(env, AFTER_RESTORE_PATH).ifPresent(path -> routing.post(path, (req, res) ->
                run(res, "after the restore", () -> resources.reversed().forEach(Resource::afterRestore))));
    }

    private static Optional<String> path(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(p -> p.startsWith("/"));
    }

    private static void run(ServerResponse res, String phase, Runnable hooks) {
        try {
            hooks.run();
            res.status(Status.NO_CONTENT_204).send();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "SnapStart hook " + phase + " failed", e);
            Responses.json(res, Status.SERVICE_UNAVAILABLE_503, Map.of("error", Map.of(
                    "code", "snapstart_hook_failed", "message", "The hook " + phase + " failed: " + e.getMessage())));
        }
    }
}
