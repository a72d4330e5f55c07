package io.wechat.kit.redis;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RedisUrisTest {
    @Test
    void anAuthTokenIsTakenOverTlsOnly() {
        var uri = RedisUris.build("rediss://cache.example:6379/0", Optional.of("s3cret"), Duration.ofSeconds(2));
        assertThat(uri.isSsl(), is(true));
        assertThat(uri.getTimeout(), is(Duration.ofSeconds(2)));
        assertThrows(IllegalStateException.class,
                () -> RedisUris.build("redis://cache.example:6379/0", Optional.of("s3cret"), Duration.ofSeconds(2)));
        assertThat(RedisUris.build("redis://127.0.0.1:16379/0", Optional.of(" "), Duration.ofSeconds(2)).isSsl(),
                is(false));
    }
}
