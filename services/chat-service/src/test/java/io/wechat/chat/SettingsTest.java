package io.wechat.chat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.wechat.kit.redis.RedisUris;
import io.wechat.kit.config.EnvConfig;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the environment (Terraform's stack module in AWS, `make up` locally) becomes. */
class SettingsTest {
    private static Settings settings(Map<String, String> env) {
        return Settings.from(EnvConfig.of(env));
    }

    @Test
    void localDefaultsNeedNoSecretAndNoTls() {
        Settings local = settings(Map.of());
        assertThat(local.redisUri(), is("redis://127.0.0.1:16379/0"));
        assertThat(local.redisAuthTokenSecretArn(), is(Optional.empty()));
        assertThat(local.websocketManagementUrl(), is("http://127.0.0.1:8080"));
        RedisURI uri = RedisUris.build(local.redisUri(), local.redisAuthTokenSecretArn(), Duration.ofSeconds(2));
        assertThat(uri.isSsl(), is(false));
        assertThat(credentials(uri).hasPassword(), is(false));
        assertThat(uri.getTimeout(), is(Duration.ofSeconds(2)));
    }

    @Test
    void theStacksVariablesAreRead() {
        Settings aws = settings(Map.of(
                "REDIS_URI", "rediss://master.wechat-dev-redis.abc.use1.cache.amazonaws.com:6379/0",
                "REDIS_AUTH_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:wechat-dev-redis-auth",
                "WEBSOCKET_MANAGEMENT_URL", "https://abc.execute-api.us-east-1.amazonaws.com/live"));
        assertThat(aws.redisAuthTokenSecretArn().orElseThrow(), is("arn:aws:secretsmanager:us-east-1:123456789012:secret:wechat-dev-redis-auth"));
        assertThat(aws.websocketManagementUrl(), is("https://abc.execute-api.us-east-1.amazonaws.com/live"));

        RedisURI uri = RedisUris.build(aws.redisUri(), Optional.of("the-token"), Duration.ofSeconds(2));
        assertThat(uri.isSsl(), is(true));
        assertThat(uri.getHost(), is("master.wechat-dev-redis.abc.use1.cache.amazonaws.com"));
        assertThat(uri.getPort(), is(6379));
        assertThat(uri.getDatabase(), is(0));
        assertThat(new String(credentials(uri).getPassword()), is("the-token"));
        assertThat("AUTH <token>: the default user", credentials(uri).hasUsername(), is(false));
    }

    @Test
    void aTokenIsNeverSentInClearText() {
        assertThrows(IllegalStateException.class,
                () -> RedisUris.build("redis://cache:6379/0", Optional.of("the-token"), Duration.ofSeconds(2)));
    }

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block();
    }
}
