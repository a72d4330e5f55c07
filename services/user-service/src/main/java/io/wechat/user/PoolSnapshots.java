package io.wechat.user;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import com.zaxxer.hikari.HikariDataSource;
import io.wechat.kit.web.SnapStart;

/**
 * The connection pool across a Lambda SnapStart snapshot. HikariCP cannot be restarted once closed, and Jdbi holds the
 * data source, so the pool stays and only its connections go: before the snapshot it keeps no idle connection and
 * evicts the open ones (a socket in a snapshot does not survive the restore, and an IAM token in it would be stale);
 * after the restore it keeps its minimum again, and a request opens what it needs with a fresh token.
 */
final class PoolSnapshots implements SnapStart.Resource {
    /** How long the pool's connections may take to close before the snapshot is refused. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private final HikariDataSource pool;
    private final int minimumIdle;

    PoolSnapshots(HikariDataSource pool) {
        this.pool = pool;
        this.minimumIdle = pool.getMinimumIdle();
    }

    @Override
    public void beforeCheckpoint() {
        pool.getHikariConfigMXBean().setMinimumIdle(0);
        pool.getHikariPoolMXBean().softEvictConnections();
        // Evicted connections close on the pool's own closer thread: the snapshot must not be taken before they have.
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (pool.getHikariPoolMXBean().getTotalConnections() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pool.getHikariPoolMXBean().getTotalConnections()
                        + " database connections still open after " + CLOSE_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    @Override
    public void afterRestore() {
        pool.getHikariConfigMXBean().setMinimumIdle(minimumIdle);
    }
}
