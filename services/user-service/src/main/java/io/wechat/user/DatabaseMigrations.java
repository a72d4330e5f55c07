package io.wechat.user;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.helidon.webserver.http.HttpRouting;
import io.wechat.user.web.ErrorHandling;
import io.wechat.user.web.Json;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Who changes the schema ({@code DB_MIGRATIONS}). In AWS the application connects as a user that may only read and
 * write rows, so it must never try DDL: it validates. The migrations run as the schema's owner, in a function of
 * their own that the deploy invokes after each apply. Locally one user does both, and the service migrates at start.
 */
public final class DatabaseMigrations {
    private static final System.Logger LOG = System.getLogger(DatabaseMigrations.class.getName());

    /** What the service does with the schema at start. */
    public enum Mode {
        /** Migrate at start, then serve (the local stack and tests). */
        MIGRATE,
        /** Check that the applied migrations are this build's, never run DDL (the application in AWS). */
        VALIDATE,
        /** Migrate, then serve only health and {@code POST /events}, which migrates again (the migration function). */
        MIGRATE_ONLY;

        static Mode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DB_MIGRATIONS must be migrate, validate or migrate-only, not '" + value + "'");
            }
        }
    }

    private DatabaseMigrations() {
    }

    /** What {@code mode} does at start: migrate, or validate (a missing or altered migration fails the start). */
    public static void atStart(DataSource dataSource, Mode mode) {
        if (mode == Mode.VALIDATE) {
            // Pending migrations are allowed: new code starts before the deploy's migration run, and migrations
            // are written to be compatible with the code before them. Anything else (an applied migration this
            // build does not know, or changed since) fails the start.
            Flyway flyway = flyway(dataSource).ignoreMigrationPatterns("*:pending").load();
            flyway.validate();
            if (flyway.info().current() == null) {
                throw new FlywayException("The schema has no migrations applied: run the migration function first");
            }
            return;
        }
        migrate(dataSource);
    }

    /** Runs the pending migrations; the schema's version afterwards. */
    public static String migrate(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).load().migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.log(Level.INFO, "Schema at version " + version + " (" + result.migrationsExecuted + " migration(s) run)");
        return version;
    }

    /**
     * The migration function's routes: its invocation ({@code POST /events}, whatever the payload) migrates and
     * answers {@code {"schemaVersion", "migrated": true}}; nothing else of the service is served.
     */
    public static void migrationRouting(HttpRouting.Builder routing, DataSource dataSource) {
        routing.post("/events", (req, res) -> {
            req.content().consume();
            Json.ok(res, Map.of("schemaVersion", migrate(dataSource), "migrated", true));
        });
        ErrorHandling.register(routing);
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }
}
