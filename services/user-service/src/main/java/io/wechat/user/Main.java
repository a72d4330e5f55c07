package io.wechat.user;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.health.HealthCheck;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.wechat.user.auth.AccessTokens;
import io.wechat.user.auth.Accounts;
import io.wechat.user.auth.AuthRoutes;
import io.wechat.user.auth.Authenticator;
import io.wechat.user.auth.LoginThrottle;
import io.wechat.user.auth.PasswordHasher;
import io.wechat.user.auth.RefreshTokens;
import io.wechat.user.auth.SigningKey;
import io.wechat.user.auth.SigningKeyLoader;
import io.wechat.user.auth.WellKnownRoutes;
import io.wechat.user.contacts.ContactBook;
import io.wechat.user.contacts.ContactRoutes;
import io.wechat.user.events.Outbox;
import io.wechat.user.events.SnsEventSink;
import io.wechat.user.events.Transactor;
import io.wechat.user.health.DependencyChecks;
import io.wechat.user.users.Settings;
import io.wechat.user.users.UserDirectory;
import io.wechat.user.users.UserRepository;
import io.wechat.user.users.UserRoutes;
import io.wechat.user.web.ClientAddress;
import io.wechat.user.web.Cors;
import io.wechat.user.web.ErrorHandling;
import io.wechat.user.web.Gateway;
import io.wechat.user.web.Quota;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The one place where user-service is wired: configuration, clients, domain objects, routing and the server.
 */
public final class Main {
    /** The environment variables of the team contract and the configuration keys they override. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("SERVER_PORT", "server.port"),
            Map.entry("JWT_ISSUER", "app.jwt.issuer"),
            Map.entry("JWT_AUDIENCE", "app.jwt.audience"),
            Map.entry("JWT_ACCESS_TTL", "app.jwt.access-ttl-seconds"),
            Map.entry("JWT_SIGNING_KEY_FILE", "app.jwt.signing-key-file"),
            Map.entry("JWT_SIGNING_KEY_SECRET_ARN", "app.jwt.signing-key-secret-arn"),
            Map.entry("CORS_ALLOWED_ORIGINS", "app.cors.allowed-origins"),
            Map.entry("EDGE_SECRET", "app.edge-secret"),
            Map.entry("CLOUDFRONT_ORIGIN_SECRET", "app.cloudfront-origin-secret"),
            Map.entry("REGISTRATIONS_PER_ADDRESS", "app.quotas.registrations-per-address.count"),
            Map.entry("DB_URL", "db.url"),
            Map.entry("DB_USER", "db.user"),
            Map.entry("DB_PASSWORD", "db.password"),
            Map.entry("DB_IAM_AUTH", "db.iam-auth"),
            Map.entry("REDIS_URI", "redis.uri"),
            Map.entry("REDIS_AUTH_TOKEN_SECRET_ARN", "redis.auth-token-secret-arn"),
            Map.entry("AWS_REGION", "aws.region"),
            Map.entry("AWS_ENDPOINT_URL", "aws.endpoint-url"),
            Map.entry("USER_EVENTS_TOPIC_ARN", "aws.user-events-topic-arn"));

    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = config(System.getenv());
        Dependencies deps = wire(config);
        ScheduledExecutorService relay = startOutboxRelay(deps.outbox(), config.get("app.outbox"));
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .update(builder -> server(builder, deps))
                .routing(routing -> routing(routing, deps))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            relay.shutdownNow();
            close(deps.resources());
        }));
        LOG.log(Level.INFO, "user-service listening on http://localhost:" + server.port());
    }

    /** application.yaml, overridden by Helidon's environment mapping, overridden by the contract's variables. */
    public static Config config(Map<String, String> env) {
        Map<String, String> overrides = new HashMap<>();
        ENVIRONMENT.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                overrides.put(key, value);
            }
        });
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }

    /** Builds clients and domain objects; migrates the database. */
    public static Dependencies wire(Config config) {
        Clock clock = Clock.systemUTC();
        Config app = config.get("app");
        Config aws = config.get("aws");

        HikariDataSource dataSource = dataSource(config.get("db"), aws);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        Jdbi jdbi = Jdbi.create(dataSource);

        RedisConnection redis = new RedisConnection(config.get("redis.uri").asString().get(),
                                                    config.get("redis.auth-token-secret-arn").asString()
                                                            .filter(arn -> !arn.isBlank())
                                                            .map(Main.secretReader(aws)));
        SnsClient sns = aws(SnsClient.builder(), aws).build();
        SigningKey signingKey = SigningKeyLoader.load(
                app.get("jwt.signing-key-file").asString().orElse(""),
                app.get("jwt.signing-key-secret-arn").asString().orElse(""),
                Main.secretReader(aws));

        String issuer = app.get("jwt.issuer").asString().get();
        AccessTokens accessTokens = new AccessTokens(signingKey, issuer, app.get("jwt.audience").asString().get(),
                                                     Duration.ofSeconds(app.get("jwt.access-ttl-seconds").asLong().get()),
                                                     clock);
        Config throttle = app.get("login-throttle");
        LoginThrottle loginThrottle = new LoginThrottle(redis, new LoginThrottle.Limits(
                throttle.get("free-attempts").asInt().get(),
                Duration.ofSeconds(throttle.get("base-delay-seconds").asLong().get()),
                Duration.ofSeconds(throttle.get("max-delay-seconds").asLong().get()),
                Duration.ofSeconds(throttle.get("pair-memory-seconds").asLong().get()),
                throttle.get("per-address").asInt().get(),
                Duration.ofSeconds(throttle.get("address-window-seconds").asLong().get())));
        RefreshTokens refreshTokens = new RefreshTokens(redis,
                                                        Duration.ofDays(app.get("refresh-token-ttl-days").asLong().get()));

        Outbox outbox = new Outbox(jdbi, new SnsEventSink(sns, aws.get("user-events-topic-arn").asString().orElse("")));
        Transactor transactor = new Transactor(jdbi, outbox, clock);
        UserRepository users = new UserRepository();
        Config quotas = app.get("quotas");
        Accounts accounts = new Accounts(transactor, users, new PasswordHasher(PasswordHasher.OWASP), accessTokens,
                                         refreshTokens, loginThrottle,
                                         new Quota(redis, "registrations", quota(quotas.get("registrations-per-address"))),
                                         clock);

        Gateway gateway = Gateway.of(app.get("edge-secret").asString().asOptional());
        ClientAddress clientAddress = new ClientAddress(gateway, app.get("cloudfront-origin-secret").asString().asOptional());
        return new Dependencies(issuer,
                                signingKey,
                                new Authenticator(accessTokens),
                                accounts,
                                new UserDirectory(transactor, users, clock),
                                new Settings(transactor, clock),
                                new ContactBook(transactor, users,
                                                new Quota(redis, "contact-requests", quota(quotas.get("contact-requests-per-user"))),
                                                clock),
                                outbox,
                                origins(app.get("cors.allowed-origins").asString().orElse("")),
                                gateway,
                                clientAddress,
                                List.of(DependencyChecks.postgres(jdbi), DependencyChecks.redis(redis)),
                                () -> {
                                    close(redis);
                                    close(sns);
                                    close(dataSource);
                                });
    }

    private static Quota.Limit quota(Config config) {
        return new Quota.Limit(config.get("count").asInt().get(),
                               Duration.ofSeconds(config.get("window-seconds").asLong().get()));
    }

    /** Server-level parts: JSON bodies for errors raised before routing, health and metrics. */
    public static void server(WebServerConfig.Builder server, Dependencies deps) {
        server.featuresDiscoverServices(false)
                .directHandlers(ErrorHandling.directHandlers())
                .addFeature(ObserveFeature.builder()
                                    .addObserver(HealthObserver.builder()
                                                         .details(true)
                                                         .useSystemServices(false)
                                                         .addChecks(deps.healthChecks().toArray(HealthCheck[]::new))
                                                         .build())
                                    .addObserver(MetricsObserver.create())
                                    .build());
    }

    public static void routing(HttpRouting.Builder routing, Dependencies deps) {
        routing.addFilter(new Cors(deps.corsAllowedOrigins()))
                .register("/auth", new AuthRoutes(deps.accounts(), deps.clientAddress()))
                .register("/.well-known", new WellKnownRoutes(deps.issuer(), deps.signingKey()))
                .register("/users", new UserRoutes(deps.authenticator(), deps.directory(), deps.settings()))
                .register(new ContactRoutes(deps.authenticator(), deps.contacts()));
        ErrorHandling.register(routing);
    }

    /**
     * Republishes events whose immediate publication failed. It runs while the process (or a warm Lambda
     * instance) lives; the minimum age keeps it from racing the publication right after commit.
     */
    static ScheduledExecutorService startOutboxRelay(Outbox outbox, Config config) {
        Duration interval = Duration.ofSeconds(config.get("relay-interval-seconds").asLong().get());
        Duration minAge = Duration.ofSeconds(config.get("relay-min-age-seconds").asLong().get());
        int batch = config.get("relay-batch-size").asInt().get();
        Duration retention = Duration.ofDays(config.get("retention-days").asLong().get());
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
    static HikariDataSource dataSource(Config db, Config aws) {
        return new HikariDataSource(poolConfig(db, aws));
    }

    static HikariConfig poolConfig(Config db, Config aws) {
        HikariConfig hikari = new HikariConfig();
        String url = db.get("url").asString().get();
        String user = db.get("user").asString().get();
        if (db.get("iam-auth").asBoolean().orElse(false)) {
            hikari.setDataSource(new IamAuthDataSource(url, user, IamAuthDataSource.rdsTokens(
                    url, user, Region.of(aws.get("region").asString().get()), DefaultCredentialsProvider.builder().build())));
            // A token authenticates once, at connect: an open connection outlives it; a new one gets a new token.
        } else {
            hikari.setJdbcUrl(url);
            hikari.setUsername(user);
            hikari.setPassword(db.get("password").asString().get());
        }
        hikari.setMaximumPoolSize(db.get("pool-size").asInt().get());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        hikari.setPoolName("user-service");
        return hikari;
    }

    /** Region and, locally, the emulator's endpoint; the URL-connection HTTP client keeps cold starts small. */
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B aws(B builder, Config aws) {
        builder.region(Region.of(aws.get("region").asString().get()))
                .httpClient(UrlConnectionHttpClient.create());
        aws.get("endpoint-url").asString().filter(url -> !url.isBlank())
                .ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder;
    }

    private static Function<String, String> secretReader(Config config) {
        return secretId -> {
            try (SecretsManagerClient secrets = aws(SecretsManagerClient.builder(), config).build()) {
                return secrets.getSecretValue(r -> r.secretId(secretId)).secretString();
            }
        };
    }

    private static Set<String> origins(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .collect(Collectors.toSet());
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing " + resource + " failed: " + e.getMessage());
        }
    }
}
