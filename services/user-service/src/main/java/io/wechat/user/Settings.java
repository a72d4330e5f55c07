package io.wechat.user;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.wechat.kit.config.EnvConfig;

/**
 * Everything user-service reads from its configuration, read once at start. Each value comes from its
 * environment variable (the names in the service README) when set, else from application.yaml.
 */
public record Settings(Jwt jwt, Duration refreshTokenTtl, Duration refreshFamilyLifetime, Set<String> corsAllowedOrigins, Throttle loginThrottle,
                       Quotas quotas, Gateway gateway, Outbox outbox, Database db, Redis redis, Aws aws) {

    /**
     * Access tokens: who issues them, for whom, how long they live, where the signing keys are and how soon a
     * rotation of them is picked up.
     */
    public record Jwt(String issuer, String audience, Duration accessTtl, Optional<String> signingKeyFile,
                      Optional<String> signingKeySecretArn, Duration keysReloadInterval) {
    }

    /** Login throttling, see {@link io.wechat.user.auth.LoginThrottle.Limits}. */
    public record Throttle(int freeAttempts, Duration baseDelay, Duration maxDelay, Duration pairMemory, int perAddress,
                           Duration addressWindow) {
    }

    /** What one client address or one user may create per window. */
    public record Quotas(int registrationsPerAddress, Duration registrationsWindow, int contactRequestsPerUser,
                         Duration contactRequestsWindow) {
    }

    /**
     * What proves that a request came through the gateway: locally the edge's secret ({@code EDGE_SECRET}; empty in
     * AWS, where only API Gateway reaches the service), and CloudFront's origin secret, which alone makes its
     * {@code CloudFront-Viewer-Address} believable and which the password and registration routes require: its
     * value ({@code CLOUDFRONT_ORIGIN_SECRET}) or the Secrets Manager secret holding it ({@code ORIGIN_VERIFY_SECRET_ARN}).
     */
    public record Gateway(Optional<String> edgeSecret, Optional<String> cloudFrontOriginSecret,
                          Optional<String> originVerifySecretArn) {
    }

    /** How the outbox relay republishes events whose immediate publication failed, and how long it keeps them. */
    public record Outbox(Duration relayInterval, Duration relayMinAge, int relayBatchSize, Duration retention) {
    }

    /**
     * With {@code iamAuth} (RDS Proxy in AWS) every connection authenticates with a fresh RDS IAM token;
     * {@code migrations}: who changes the schema, see {@link DatabaseMigrations.Mode}.
     */
    public record Database(String url, String user, String password, boolean iamAuth, int poolSize,
                           DatabaseMigrations.Mode migrations) {
    }

    /** With an AUTH token secret (ElastiCache in AWS) the URI must be {@code rediss://}. */
    public record Redis(String uri, Optional<String> authTokenSecretArn) {
    }

    public record Aws(String region, Optional<String> endpointUrl, Optional<String> userEventsTopicArn) {
    }

    public static Settings from(EnvConfig config) {
        return new Settings(
                new Jwt(config.required("JWT_ISSUER", "app.jwt.issuer"),
                        config.required("JWT_AUDIENCE", "app.jwt.audience"),
                        config.seconds("JWT_ACCESS_TTL", "app.jwt.access-ttl-seconds"),
                        config.optional("JWT_SIGNING_KEY_FILE", "app.jwt.signing-key-file"),
                        config.optional("JWT_SIGNING_KEY_SECRET_ARN", "app.jwt.signing-key-secret-arn"),
                        config.seconds("JWT_KEYS_RELOAD_SECONDS", "app.jwt.keys-reload-seconds")),
                Duration.ofDays(config.integer("REFRESH_TOKEN_TTL_DAYS", "app.refresh-token-ttl-days")),
                Duration.ofDays(config.integer("REFRESH_FAMILY_LIFETIME_DAYS", "app.refresh-family-lifetime-days")),
                config.list("CORS_ALLOWED_ORIGINS", "app.cors.allowed-origins"),
                new Throttle(config.integer("LOGIN_THROTTLE_FREE_ATTEMPTS", "app.login-throttle.free-attempts"),
                             config.seconds("LOGIN_THROTTLE_BASE_DELAY_SECONDS", "app.login-throttle.base-delay-seconds"),
                             config.seconds("LOGIN_THROTTLE_MAX_DELAY_SECONDS", "app.login-throttle.max-delay-seconds"),
                             config.seconds("LOGIN_THROTTLE_PAIR_MEMORY_SECONDS", "app.login-throttle.pair-memory-seconds"),
                             config.integer("LOGIN_THROTTLE_PER_ADDRESS", "app.login-throttle.per-address"),
                             config.seconds("LOGIN_THROTTLE_ADDRESS_WINDOW_SECONDS", "app.login-throttle.address-window-seconds")),
                new Quotas(config.integer("REGISTRATIONS_PER_ADDRESS", "app.quotas.registrations-per-address.count"),
                           config.seconds("REGISTRATIONS_WINDOW_SECONDS", "app.quotas.registrations-per-address.window-seconds"),
                           config.integer("CONTACT_REQUESTS_PER_USER", "app.quotas.contact-requests-per-user.count"),
                           config.seconds("CONTACT_REQUESTS_WINDOW_SECONDS", "app.quotas.contact-requests-per-user.window-seconds")),
                new Gateway(config.optional("EDGE_SECRET", "app.edge-secret"),
                            config.optional("CLOUDFRONT_ORIGIN_SECRET", "app.cloudfront-origin-secret"),
                            config.optional("ORIGIN_VERIFY_SECRET_ARN", "app.origin-verify-secret-arn")),
                new Outbox(config.seconds("OUTBOX_RELAY_INTERVAL_SECONDS", "app.outbox.relay-interval-seconds"),
                           config.seconds("OUTBOX_RELAY_MIN_AGE_SECONDS", "app.outbox.relay-min-age-seconds"),
                           config.integer("OUTBOX_RELAY_BATCH_SIZE", "app.outbox.relay-batch-size"),
                           Duration.ofDays(config.integer("OUTBOX_RETENTION_DAYS", "app.outbox.retention-days"))),
                new Database(config.required("DB_URL", "db.url"),
                             config.required("DB_USER", "db.user"),
                             config.optional("DB_PASSWORD", "db.password").orElse(""),
                             config.flag("DB_IAM_AUTH", "db.iam-auth"),
                             config.integer("DB_POOL_SIZE", "db.pool-size"),
                             DatabaseMigrations.Mode.parse(config.required("DB_MIGRATIONS", "db.migrations"))),
                new Redis(config.required("REDIS_URI", "redis.uri"),
                          config.optional("REDIS_AUTH_TOKEN_SECRET_ARN", "redis.auth-token-secret-arn")),
                new Aws(config.required("AWS_REGION", "aws.region"),
                        config.optional("AWS_ENDPOINT_URL", "aws.endpoint-url"),
                        config.optional("USER_EVENTS_TOPIC_ARN", "aws.user-events-topic-arn")));
    }
}
