package io.wechat.user;

import java.sql.Connection;

import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * The pool across a SnapStart snapshot, against the real PostgreSQL: no connection open when the snapshot is taken,
 * and queries served again after the restore through the same data source (which Jdbi holds).
 */
class PoolSnapshotsIT {
    private HikariDataSource pool;

    @BeforeEach
    void open() {
        pool = new HikariDataSource();
        pool.setJdbcUrl(System.getenv().getOrDefault("TEST_DB_URL", System.getenv("DB_URL")));
        pool.setUsername(System.getenv("DB_USER"));
        pool.setPassword(System.getenv().getOrDefault("DB_PASSWORD", ""));
        pool.setMaximumPoolSize(3);
        pool.setMinimumIdle(1);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void noConnectionIsOpenAtTheSnapshotAndQueriesWorkAfterTheRestore() throws Exception {
        Jdbi jdbi = Jdbi.create(pool);
        try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
            assertThat(first.isValid(1) && second.isValid(1), is(true));
        }
        assertThat(pool.getHikariPoolMXBean().getTotalConnections(), greaterThan(0));

        var snapshots = new PoolSnapshots(pool);
        snapshots.beforeCheckpoint();
        assertThat(pool.getHikariPoolMXBean().getTotalConnections(), is(0));

        snapshots.afterRestore();
        assertThat(jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one()), is(1));
        assertThat(pool.getHikariConfigMXBean().getMinimumIdle(), is(1));
    }
}
