package io.wechat.user;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.wechat.kit.redis.RedisUris;
import io.wechat.kit.web.SnapStart;

/**
 * One shared Lettuce connection, opened on first use so the service starts (and serves what does not need
 * Redis) while Redis is down. Once open, Lettuce reconnects by itself; while disconnected, commands fail at once
 * instead of queueing, so callers answer 503 quickly. Before a SnapStart snapshot it is closed, and the first use
 * after the restore opens a new one (a socket in a snapshot does not survive the restore).
 */
final class RedisConnection implements Supplier<RedisCommands<String, String>>, AutoCloseable, SnapStart.Resource {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    RedisConnection(String uri) {
        this(uri, Optional.empty());
    }

    /** {@code authToken}: ElastiCache's AUTH token (then {@code uri} must be rediss://), see {@link RedisUris}. */
    RedisConnection(String uri, Optional<String> authToken) {
        RedisURI redisUri = RedisUris.build(uri, authToken, TIMEOUT);
        this.client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                                  .autoReconnect(true)
                                  .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                  .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                                  .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                                  .build());
    }

    @Override
    public synchronized RedisCommands<String, String> get() {
        if (connection == null) {
            connection = client.connect();
        }
        return connection.sync();
    }

    @Override
    public synchronized void beforeCheckpoint() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void afterRestore() {
        // Opened again on first use.
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
