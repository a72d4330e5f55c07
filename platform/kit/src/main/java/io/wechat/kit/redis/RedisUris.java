package io.wechat.kit.redis;

import java.time.Duration;
import java.util.Optional;

import io.lettuce.core.RedisURI;

/**
 * The Redis URI a service connects with. Locally {@code REDIS_URI} alone ({@code redis://127.0.0.1:16379/0}, no
 * TLS, no password). In AWS the ElastiCache replication group has encryption in transit and an AUTH token:
 * {@code REDIS_URI} is {@code rediss://<primary endpoint>:6379/0} (without credentials) and
 * {@code REDIS_AUTH_TOKEN_SECRET_ARN} names the Secrets Manager secret holding the token, read once at start.
 */
public final class RedisUris {
    private RedisUris() {
    }

    /**
     * {@code uri} with {@code authToken} as its password (AUTH); a token demands TLS ({@code rediss://}), since it
     * would otherwise cross the network in clear text.
     */
    public static RedisURI build(String uri, Optional<String> authToken, Duration timeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        authToken.filter(token -> !token.isBlank()).ifPresent(token -> {
            if (!redisUri.isSsl()) {
                throw new IllegalStateException("A Redis AUTH token needs TLS: REDIS_URI must start with rediss://");
            }
            redisUri.setAuthentication(token.strip().toCharArray());
        });
        return redisUri;
    }
}
