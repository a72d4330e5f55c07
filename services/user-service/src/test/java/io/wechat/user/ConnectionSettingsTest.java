package io.wechat.user;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.wechat.kit.config.EnvConfig;
import io.wechat.kit.redis.RedisUris;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What Terraform's env vars become: RDS IAM auth (DB_IAM_AUTH), Redis TLS + AUTH (REDIS_AUTH_TOKEN_SECRET_ARN). */
class ConnectionSettingsTest {
    private static Settings settings(Map<String, String> env) {
        return Settings.from(EnvConfig.of(env));
    }
    private static final String PROXY_URL =
            "jdbc:postgresql://wechat-dev-proxy.proxy-abc.us-east-1.rds.amazonaws.com:5432/user_service?sslmode=require";

    @Test
    void theContractsVariablesReachTheirKeys() {
        Settings aws = settings(Map.of("DB_IAM_AUTH", "true", "DB_URL", PROXY_URL, "DB_USER", "wechat",
                "REDIS_URI", "rediss://master.wechat-dev-redis.abc.use1.cache.amazonaws.com:6379/0",
                "REDIS_AUTH_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:redis-auth"));
        assertThat(aws.db().iamAuth(), is(true));
        assertThat(aws.db().url(), is(PROXY_URL));
        assertThat(aws.redis().authTokenSecretArn().orElseThrow(), startsWith("arn:aws:secretsmanager:"));
        Settings local = settings(Map.of());
        assertThat("locally: password auth", local.db().iamAuth(), is(false));
        assertThat(local.redis().authTokenSecretArn(), is(Optional.empty()));
    }

    @Test
    void everyOtherSettingHasALocalDefault() {
        Settings local = settings(Map.of("CORS_ALLOWED_ORIGINS", "http://localhost:3000, https://app.example"));
        assertThat(local.jwt().accessTtl(), is(Duration.ofSeconds(900)));
        assertThat(local.refreshTokenTtl(), is(Duration.ofDays(30)));
        assertThat(local.loginThrottle(), is(new Settings.Throttle(5, Duration.ofSeconds(2), Duration.ofSeconds(900),
                                                                   Duration.ofDays(1), 20, Duration.ofSeconds(900))));
        assertThat(local.quotas(), is(new Settings.Quotas(10, Duration.ofHours(1), 50, Duration.ofDays(1))));
        assertThat(local.gateway(), is(new Settings.Gateway(Optional.empty(), Optional.empty(), Optional.empty())));
        assertThat(local.outbox().relayBatchSize(), is(50));
        assertThat(local.corsAllowedOrigins(), is(Set.of("http://localhost:3000", "https://app.example")));
    }

    @Test
    void theEndpointComesFromTheJdbcUrl() {
        assertThat(IamAuthDataSource.Endpoint.of(PROXY_URL),
                is(new IamAuthDataSource.Endpoint("wechat-dev-proxy.proxy-abc.us-east-1.rds.amazonaws.com", 5432)));
        assertThat(IamAuthDataSource.Endpoint.of("jdbc:postgresql://db.internal/x").port(), is(5432));
        assertThat(IamAuthDataSource.Endpoint.of("jdbc:postgresql://127.0.0.1:15432/x").port(), is(15432));
        assertThrows(IllegalArgumentException.class, () -> IamAuthDataSource.Endpoint.of("jdbc:mysql://h/x"));
        assertThrows(IllegalArgumentException.class, () -> IamAuthDataSource.Endpoint.of("jdbc:postgresql://a,b/x"));
    }

    @Test
    void everyConnectionGetsAFreshTokenAndTls() {
        AtomicInteger issued = new AtomicInteger();
        var source = new IamAuthDataSource("jdbc:postgresql://proxy:5432/user_service", "wechat",
                () -> "token-" + issued.incrementAndGet());
        var first = source.connectionProperties();
        var second = source.connectionProperties();
        assertThat(first.getProperty("user"), is("wechat"));
        assertThat(first.getProperty("password"), is("token-1"));
        assertThat(second.getProperty("password"), is("token-2"));
        assertThat(first.getProperty("sslmode"), is("require"));
        assertThat("the URL's own stricter mode stands", new IamAuthDataSource(PROXY_URL.replace("require", "verify-full"),
                "wechat", () -> "t").connectionProperties().getProperty("sslmode"), nullValue());
        assertThrows(IllegalStateException.class, () -> new IamAuthDataSource(
                "jdbc:postgresql://proxy/db?sslmode=disable", "wechat", () -> "t").connectionProperties());
    }

    @Test
    void rdsTokensArePresignedConnectRequestsForTheProxy() {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        var tokens = IamAuthDataSource.rdsTokens(PROXY_URL, "wechat", Region.US_EAST_1, credentials);
        String token = tokens.get();
        assertThat(token, startsWith("wechat-dev-proxy.proxy-abc.us-east-1.rds.amazonaws.com:5432/?"));
        String query = URLDecoder.decode(token.substring(token.indexOf('?') + 1), StandardCharsets.UTF_8);
        assertThat(query, containsString("Action=connect"));
        assertThat(query, containsString("DBUser=wechat"));
        assertThat(query, containsString("X-Amz-Credential=AKIDEXAMPLE/"));
        assertThat(query, containsString("/us-east-1/rds-db/aws4_request"));
        assertThat(query, containsString("X-Amz-Expires=900"));
    }

    @Test
    void withIamAuthThePoolHasNoPasswordOfItsOwn() {
        Settings aws = settings(Map.of("DB_IAM_AUTH", "true", "DB_URL", PROXY_URL, "DB_USER", "wechat"));
        var iam = Main.poolConfig(aws.db(), aws.aws());
        assertThat(iam.getDataSource() instanceof IamAuthDataSource, is(true));
        assertThat(iam.getPassword(), nullValue());
        assertThat(iam.getJdbcUrl(), nullValue());
        Settings localSettings = settings(Map.of("DB_URL", "jdbc:postgresql://127.0.0.1:15432/user_service",
                "DB_USER", "user_service", "DB_PASSWORD", "local-password"));
        var local = Main.poolConfig(localSettings.db(), localSettings.aws());
        assertThat(local.getDataSource(), nullValue());
        assertThat(local.getJdbcUrl(), is("jdbc:postgresql://127.0.0.1:15432/user_service"));
        assertThat(local.getUsername(), is("user_service"));
        assertThat(local.getPassword(), is("local-password"));
    }

    @Test
    void localRedisStaysPlainAndAwsRedisGetsTlsAndAuth() {
        RedisURI local = RedisUris.build("redis://127.0.0.1:16379/0", Optional.empty(), Duration.ofSeconds(2));
        assertThat(local.isSsl(), is(false));
        assertThat(credentials(local).hasPassword(), is(false));
        assertThat(local.getDatabase(), is(0));
        assertThat(local.getTimeout(), is(Duration.ofSeconds(2)));

        RedisURI aws = RedisUris.build("rediss://master.wechat-dev-redis.abc.use1.cache.amazonaws.com:6379/0",
                Optional.of("s3cret-token\n"), Duration.ofSeconds(2));
        assertThat(aws.isSsl(), is(true));
        assertThat(aws.getHost(), is("master.wechat-dev-redis.abc.use1.cache.amazonaws.com"));
        assertThat(aws.getPort(), is(6379));
        assertThat(new String(credentials(aws).getPassword()), is("s3cret-token"));
        assertThat("ElastiCache's AUTH token belongs to the default user", credentials(aws).hasUsername(), is(false));

        assertThrows(IllegalStateException.class, () -> RedisUris.build("redis://cache:6379/0", Optional.of("t"),
                Duration.ofSeconds(2)), "a token over plain text is refused");
        assertThat("a blank token is none", credentials(RedisUris.build("redis://cache:6379/0", Optional.of(" "),
                Duration.ofSeconds(2))).hasPassword(), is(false));
    }

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block();
    }
}
