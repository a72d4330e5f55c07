package io.wechat.chat.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The Redis the integration tests use: REDIS_URI (`make test` passes a separate DB index, 15), else the
 * tests fail saying how to run them. Keys the tests write belong to unique user and connection ids.
 */
public final class TestRedis {
    private static RedisClient client;

    private TestRedis() {
    }

    public static synchronized String uri() {
        String uri = System.getenv("REDIS_URI");
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("No Redis: run the integration tests through `make test` "
                    + "(or set REDIS_URI to a running Redis, e.g. redis://127.0.0.1:36379/15)");
        }
        return uri;
    }

    public static synchronized StatefulRedisConnection<String, String> connect() {
        if (client == null) {
            client = RedisClient.create(uri());
        }
        return client.connect();
    }
}
