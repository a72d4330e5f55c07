package io.wechat.user;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.wechat.kit.config.EnvConfig;
import io.wechat.kit.health.DependencyCheck;
import io.wechat.kit.health.Health;
import io.wechat.kit.auth.TokenVerifier;
import io.wechat.kit.redis.Quota;
import io.wechat.kit.web.Servers;
import io.wechat.kit.web.SnapStart;
import io.wechat.user.admin.AdminHttp;
import io.wechat.user.admin.AdminUsers;
import io.wechat.user.admin.OperatorCommandsHttp;
import io.wechat.user.auth.AccessTokens;
import io.wechat.user.auth.AccountControl;
import io.wechat.user.auth.AccountHttp;
import io.wechat.user.auth.Accounts;
import io.wechat.user.auth.AuthHttp;
import io.wechat.user.auth.Authenticator;
import io.wechat.user.auth.LoginThrottle;
import io.wechat.user.auth.PasswordHasher;
import io.wechat.user.auth.RefreshTokens;
import io.wechat.user.auth.KeyRing;
import io.wechat.user.auth.RevokedSessionsHttp;
import io.wechat.user.auth.Sessions;
import io.wechat.user.auth.SigningKeyLoader;
import io.wechat.user.auth.WellKnownHttp;
import io.wechat.user.contacts.ContactBook;
import io.wechat.user.contacts.ContactsHttp;
import io.wechat.user.events.Outbox;
import io.wechat.user.events.SnsEventPublisher;
import io.wechat.user.events.Transactor;
import io.wechat.user.users.ProfileService;
import io.wechat.user.users.UserStore;
import io.wechat.user.users.UsersHttp;
import io.wechat.user.users.GroupInvites;
import io.wechat.user.users.UsernameTombstones;
import io.wechat.user.web.ClientAddress;
import io.wechat.user.web.Cors;
import io.wechat.user.web.ErrorHandling;
import io.wechat.user.web.Gateway;
import io.wechat.user.web.OriginVerification;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The one place where user-service is wired: configuration, clients, domain objects, routing and the server.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /** How long a deleted account's username stays taken. */
    static final Duration USERNAME_HELD_AFTER_DELETION = Duration.ofDays(30);

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        EnvConfig config = EnvConfig.create();
        Settings settings = Settings.from(config);
        if (settings.db().migrations() == DatabaseMigrations.Mode.MIGRATE_ONLY) {
            migrationServer(config, settings);
            return;
        }
        Dependencies deps = wire(settings);
        ScheduledExecutorService relay = startOutboxRelay(deps.outbox(), settings.outbox());
        WebServer server = Servers.start(config.config().get("server"), deps.healthChecks(),
                builder -> {
                    server(builder, deps);
                    builder.routing(routing -> routing(routing, deps));
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            relay.shutdownNow();
            close(deps.resources());
        }));
        LOG.log(Level.INFO, "user-service listening on http://localhost:" + server.port());
    }

    /**
     * The migration function: migrates at start (a failure fails the start, which the deploy sees as the
     * invocation's error) and serves only liveness and the invocation. It needs the database settings alone.
     */
    private static void migrationServer(EnvConfig config, Settings settings) {
        HikariDataSource dataSource = dataSource(settings.db(), settings.aws());
        DatabaseMigrations.migrate(dataSource);
        WebServer server = WebServer.builder()
                .config(config.config().get("server"))
                .update(builder -> builder.featuresDiscoverServices(false)
                        .directHandlers(ErrorHandling.directHandlers())
                        .addFeature(ObserveFeature.builder().addObserver(Health.observer(List.of())).build()))
                .routing(routing -> DatabaseMigrations.migrationRouting(routing, dataSource))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            dataSource.close();
        }));
        LOG.log(Level.INFO, "user-service (migrations only) listening on http://localhost:" + server.port());
    }

    /** Builds clients and domain objects; migrates or validates the schema ({@code DB_MIGRATIONS}). */
    public static Dependencies wire(Settings settings) {
        Clock clock = Clock.systemUTC();
        Settings.Aws aws = settings.aws();

        HikariDataSource dataSource = dataSource(settings.db(), aws);
        // Flyway's start and the schema's check run beside the rest of the wiring (a third of the start, measured);
        // wire returns, and the server starts, only once they succeeded.
        CompletableFuture<Void> schema = CompletableFuture.runAsync(
                () -> DatabaseMigrations.atStart(dataSource, settings.db().migrations()),
                task -> Thread.ofVirtual().name("schema").start(task));
        Jdbi jdbi = Jdbi.create(dataSource);

        RedisConnection redis = new RedisConnection(settings.redis().uri(),
                                                    settings.redis().authTokenSecretArn().map(Main.secretReader(aws)));
        SnsClient sns = aws(SnsClient.builder(), aws).build();
        Settings.Jwt jwt = settings.jwt();
        KeyRing signingKeys = new KeyRing(SigningKeyLoader.store(jwt.signingKeyFile().orElse(""),
                                                                 jwt.signingKeySecretArn().orElse(""),
                                                                 Main.secretReader(aws)),
                                          jwt.keysReloadInterval(), clock);

        AccessTokens accessTokens = new AccessTokens(signingKeys, jwt.issuer(), jwt.audience(), jwt.accessTtl(), clock);
        Settings.Throttle throttle = settings.loginThrottle();
        LoginThrottle loginThrottle = new LoginThrottle(redis, new LoginThrottle.Limits(
                throttle.freeAttempts(), throttle.baseDelay(), throttle.maxDelay(), throttle.pairMemory(),
                throttle.perAddress(), throttle.addressWindow()));
        RefreshTokens refreshTokens = new RefreshTokens(redis, settings.refreshTokenTtl(), settings.refreshFamilyLifetime());
        Sessions sessions = new Sessions(redis, settings.refreshFamilyLifetime(), jwt.accessTtl(),
                                         TokenVerifier.CLOCK_SKEW, clock);

        Outbox outbox = new Outbox(jdbi, new SnsEventPublisher(sns, aws.userEventsTopicArn().orElse("")));
        Transactor transactor = new Transactor(jdbi, outbox, clock);
        UserStore users = new UserStore();
        Settings.Quotas quotas = settings.quotas();
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.OWASP);
        UsernameTombstones tombstones = new UsernameTombstones(clock, USERNAME_HELD_AFTER_DELETION);
        Accounts accounts = new Accounts(transactor, users, hasher, accessTokens,
                                         refreshTokens, sessions, loginThrottle,
                                         new Quota(redis, "user-service", "registrations", new Quota.Limit(
                                                 quotas.registrationsPerAddress(), quotas.registrationsWindow())),
                                         tombstones, clock);

        Gateway gateway = Gateway.of(settings.gateway().edgeSecret());
        OriginVerification cloudFront = originVerification(settings.gateway(), aws, clock);
        ClientAddress clientAddress = new ClientAddress(gateway, cloudFront);
        try {
            schema.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return new Dependencies(jwt.issuer(),
                                signingKeys,
                                new Authenticator(accessTokens, sessions),
                                accounts,
                                new AccountControl(transactor, users, hasher, loginThrottle, sessions, tombstones),
                                sessions,
                                new AdminUsers(transactor, sessions, clock),
                                new ProfileService(transactor, users, clock),
                                new GroupInvites(transactor, clock),
                                new ContactBook(transactor, users,
                                                new Quota(redis, "user-service", "contact-requests", new Quota.Limit(
                                                        quotas.contactRequestsPerUser(), quotas.contactRequestsWindow())),
                                                clock),
                                outbox,
                                settings.corsAllowedOrigins(),
                                gateway,
                                clientAddress,
                                cloudFront,
                                List.of(DependencyCheck.of("postgresql", () -> jdbi.withHandle(
                                                h -> h.createQuery("select version()").mapTo(String.class).one())),
                                        DependencyCheck.of("redis", () -> redis.get().ping())),
                                List.of(new PoolSnapshots(dataSource), redis),
                                () -> {
                                    close(redis);
                                    close(sns);
                                    close(dataSource);
                                });
    }

    /** CloudFront's origin secret: its value, or the secret holding it (re-read at most once a minute), or none. */
    private static OriginVerification originVerification(Settings.Gateway gateway, Settings.Aws aws, Clock clock) {
        if (gateway.cloudFrontOriginSecret().filter(s -> !s.isBlank()).isPresent()) {
            return OriginVerification.fixed(gateway.cloudFrontOriginSecret());
        }
        return gateway.originVerifySecretArn().filter(s -> !s.isBlank())
                .map(arn -> OriginVerification.stored(() -> secretReader(aws).apply(arn), Duration.ofMinutes(1), clock))
                .orElseGet(OriginVerification::none);
    }

    /** Server-level parts: JSON bodies for errors raised before routing, health and metrics. */
    public static void server(WebServerConfig.Builder server, Dependencies deps) {
        server.featuresDiscoverServices(false)
                .directHandlers(ErrorHandling.directHandlers())
                .addFeature(ObserveFeature.builder()
                                    .addObserver(Health.observer(deps.healthChecks()))
                                    .addObserver(MetricsObserver.create())
                                    .build());
    }

    public static void routing(HttpRouting.Builder routing, Dependencies deps) {
        AccountHttp accountHttp = new AccountHttp(deps.authenticator(), deps.accountControl(), deps.clientAddress());
        routing.addFilter(new Cors(deps.corsAllowedOrigins()))
                .register("/auth", deps.originVerification().guarding("/register", "/login", "/refresh"),
                          new AuthHttp(deps.accounts(), deps.clientAddress()))
                .register("/auth/sessions", accountHttp.sessions())
                .register("/users/me", accountHttp.account())
                .register("/.well-known", new WellKnownHttp(deps.issuer(), deps.signingKeys()))
                .register("/.well-known/revoked-sessions", new RevokedSessionsHttp(deps.sessions(), Clock.systemUTC()))
                .register("/admin/users", new AdminHttp(deps.authenticator(), deps.adminUsers()))
                .register("/events", new OperatorCommandsHttp(deps.gateway(), deps.adminUsers()))
                .register("/users", new UsersHttp(deps.authenticator(), deps.profiles(), deps.groupInvites()))
                .register(new ContactsHttp(deps.authenticator(), deps.contacts()));
        SnapStart.register(routing, System.getenv(), deps.snapshotResources());
        ErrorHandling.register(routing);
    }

    /**
     * Republishes events whose immediate publication failed. It runs while the process (or a warm Lambda
     * instance) lives; the minimum age keeps it from racing the publication right after commit.
     */
    static ScheduledExecutorService startOutboxRelay(Outbox outbox, Settings.Outbox settings) {
        Duration interval = settings.relayInterval();
        Duration minAge = settings.relayMinAge();
        int batch = settings.relayBatchSize();
        Duration retention = settings.retention();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int published = outbox.relayPending(minAge, batch);
                if (published > 0) {
                    LOG.log(Level.INFO, "Outbox relay republished " + published + " event(s)");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Outbox relay failed: " + e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                outbox.prunePublished(retention);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Outbox pruning failed: " + e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
        return scheduler;
    }

    /**
     * The pool. With {@code db.iam-auth} ({@code DB_IAM_AUTH=true}, RDS Proxy in AWS) every new physical connection
     * authenticates with a fresh 15-minute RDS IAM token (see {@link IamAuthDataSource}) and TLS; otherwise with
     * {@code db.user} / {@code db.password} (locally).
     */
    static HikariDataSource dataSource(Settings.Database db, Settings.Aws aws) {
        return new HikariDataSource(poolConfig(db, aws));
    }

    static HikariConfig poolConfig(Settings.Database db, Settings.Aws aws) {
        HikariConfig hikari = new HikariConfig();
        String url = db.url();
        String user = db.user();
        if (db.iamAuth()) {
            hikari.setDataSource(new IamAuthDataSource(url, user, IamAuthDataSource.rdsTokens(
                    url, user, Region.of(aws.region()), DefaultCredentialsProvider.builder().build())));
            // A token authenticates once, at connect: an open connection outlives it; a new one gets a new token.
        } else {
            hikari.setJdbcUrl(url);
            hikari.setUsername(user);
            hikari.setPassword(db.password());
        }
        hikari.setMaximumPoolSize(db.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        hikari.setPoolName("user-service");
        return hikari;
    }

    /** Region and, locally, the emulator's endpoint; the URL-connection HTTP client keeps cold starts small. */
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B aws(B builder, Settings.Aws aws) {
        builder.region(Region.of(aws.region()))
                .httpClient(UrlConnectionHttpClient.create());
        aws.endpointUrl().ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder;
    }

    private static Function<String, String> secretReader(Settings.Aws config) {
        return secretId -> {
            try (SecretsManagerClient secrets = aws(SecretsManagerClient.builder(), config).build()) {
                return secrets.getSecretValue(r -> r.secretId(secretId)).secretString();
            }
        };
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing " + resource + " failed: " + e.getMessage());
        }
    }
}
