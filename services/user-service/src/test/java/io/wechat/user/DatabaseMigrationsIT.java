package io.wechat.user;

import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.webserver.WebServer;
import io.wechat.kit.testing.Api;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code DB_MIGRATIONS} against the real PostgreSQL, each test in a schema of its own: the application's mode
 * (validate) never runs DDL and refuses a schema that is not this build's; the migration function's mode migrates
 * when invoked and serves nothing else.
 */
class DatabaseMigrationsIT {
    private String schema;
    private HikariDataSource dataSource;
    private Jdbi jdbi;

    @BeforeEach
    void ownSchema() {
        String url = System.getenv().getOrDefault("TEST_DB_URL", System.getenv("DB_URL"));
        schema = "migrations_it_" + UUID.randomUUID().toString().substring(0, 8);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        dataSource.setUsername(System.getenv("DB_USER"));
        dataSource.setPassword(System.getenv().getOrDefault("DB_PASSWORD", ""));
        dataSource.setMaximumPoolSize(2);
        jdbi = Jdbi.create(dataSource);
    }

    @AfterEach
    void dropSchema() {
        jdbi.useHandle(h -> h.execute("drop schema if exists " + schema + " cascade"));
        dataSource.close();
    }

    @Test
    void validateNeverCreatesTheSchema() {
        assertThrows(FlywayException.class,
                     () -> DatabaseMigrations.atStart(dataSource, DatabaseMigrations.Mode.VALIDATE));
        assertThat(tables(), is(empty()));
    }

    @Test
    void validateAcceptsTheMigratedSchemaAndRefusesAnAlteredMigration() {
        DatabaseMigrations.atStart(dataSource, DatabaseMigrations.Mode.MIGRATE);
        assertThat(tables(), hasItems("users", "contacts", "flyway_schema_history"));
        DatabaseMigrations.atStart(dataSource, DatabaseMigrations.Mode.VALIDATE);

        jdbi.useHandle(h -> h.execute("update " + schema + ".flyway_schema_history set checksum = 1 where version = '1'"));
        assertThrows(FlywayException.class,
                     () -> DatabaseMigrations.atStart(dataSource, DatabaseMigrations.Mode.VALIDATE));
    }

    @Test
    void theMigrationFunctionMigratesWhenInvokedAndServesNothingElse() {
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> DatabaseMigrations.migrationRouting(routing, dataSource))
                .build().start();
        try {
            Api api = new Api("http://127.0.0.1:" + server.port());
            Api.Response invoked = api.post("/events", null, "{}");
            assertThat(invoked.toString(), invoked.status(), is(200));
            assertThat(invoked.body().path("migrated").asBoolean(), is(true));
            assertThat(invoked.body().path("schemaVersion").asText(), is(latestVersion()));
            assertThat(tables(), hasItems("users", "contacts", "blocks", "outbox"));
            assertThat(api.post("/events", null, "{}").status(), is(200));
            assertThat(api.post("/auth/login", null, "{}").status(), is(404));
        } finally {
            server.stop();
        }
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseMigrations.Mode.parse("sometimes"));
        assertThat(DatabaseMigrations.Mode.parse("migrate-only"), is(DatabaseMigrations.Mode.MIGRATE_ONLY));
    }

    private List<String> tables() {
        return jdbi.withHandle(h -> h.createQuery("select table_name from information_schema.tables where table_schema = :s")
                .bind("s", schema).mapTo(String.class).list());
    }

    private String latestVersion() {
        return jdbi.withHandle(h -> h.createQuery("select max(version::int)::text from " + schema
                + ".flyway_schema_history where success").mapTo(String.class).one());
    }
}
