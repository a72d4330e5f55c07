package io.wechat.chat.realtime;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lettuce.core.api.StatefulRedisConnection;
import io.wechat.chat.support.TestRedis;
import io.wechat.kit.auth.RevokedSessions;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The cap on live WebSocket connections per user and per client address, against the real Redis: $connect beyond it
 * is refused with 429 and registers nothing; a connection that ended frees its place; concurrent connects cannot
 * overshoot.
 */
class ConnectionLimitsIT {
    private static StatefulRedisConnection<String, String> redis;
    private static ConnectionRegistry registry;

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
        registry = new ConnectionRegistry(redis, Clock.systemUTC(), new ConnectionRegistry.Limits(2, 3));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void aUserHoldsAtMostTheirLimitAndAnEndedConnectionFreesItsPlace() {
        String user = id();
        String address = address();
        assertThat(registry.admit("c1-" + user, user, null, address), is(Optional.empty()));
        assertThat(registry.admit("c2-" + user, user, null, address), is(Optional.empty()));
        assertThat(registry.admit("c3-" + user, user, null, address), is(Optional.of(ConnectionRegistry.Refusal.USER_LIMIT)));
        assertThat(registry.live(List.of(user)).get(user).size(), is(2));
        assertThat(registry.owner("c3-" + user), is(Optional.empty()));

        registry.remove("c1-" + user, user);
        assertThat(registry.admit("c3-" + user, user, null, address), is(Optional.empty()));
    }

    @Test
    void anAdmittedConnectionBelongsToItsSession() {
        String user = id();
        String session = id();
        assertThat(registry.admit("s1-" + user, user, session, address()), is(Optional.empty()));
        assertThat(registry.sessionConnections(session), is(List.of("s1-" + user)));
    }

    @Test
    void anAddressHoldsAtMostItsLimitAcrossUsers() {
        String address = address();
        List<String> users = List.of(id(), id(), id(), id());
        for (int i = 0; i < 3; i++) {
            assertThat(registry.admit("a" + i + "-" + users.get(i), users.get(i), null, address), is(Optional.empty()));
        }
        String last = users.get(3);
        assertThat(registry.admit("a3-" + last, last, null, address), is(Optional.of(ConnectionRegistry.Refusal.ADDRESS_LIMIT)));
        assertThat("another address is not affected", registry.admit("b3-" + last, last, null, address()), is(Optional.empty()));
        // A connection whose $disconnect was lost (its conn: key expired) no longer counts.
        redis.sync().del(ConnectionRegistry.connectionKey("a0-" + users.getFirst()));
        assertThat(registry.admit("a3-" + last, last, null, address), is(Optional.empty()));
    }

    @Test
    void concurrentConnectsCannotOvershoot() throws Exception {
        String user = id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<ConnectionRegistry.Refusal>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String connection = "p" + i + "-" + user;
                Callable<Optional<ConnectionRegistry.Refusal>> connect = () -> registry.admit(connection, user, null, null);
                answers.add(pool.submit(connect));
            }
            int admitted = 0;
            for (var answer : answers) {
                admitted += answer.get().isEmpty() ? 1 : 0;
            }
            assertThat(admitted, is(2));
            assertThat(registry.live(List.of(user)).get(user).size(), is(2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void connectBeyondTheLimitIsA429ThatRefusesTheHandshake() {
        // Tokens without a session: the revocation list is never asked.
        RevokedSessions noList = RevokedSessions.fromUrl(URI.create("http://127.0.0.1:1/revoked"), Duration.ofMinutes(1),
                                                         Clock.systemUTC());
        WebSocketRoutes routes = new WebSocketRoutes(registry, (id, frame) -> { }, null, null, null, noList, Clock.systemUTC());
        String user = id();
        for (int i = 0; i < 2; i++) {
            assertThat(routes.handle(connect("h" + i + "-" + user, user, address())), is(200));
        }
        ApiException refused = assertThrows(ApiException.class, () -> routes.handle(connect("h2-" + user, user, address())));
        assertThat(refused.status().code(), is(429));
        assertThat(refused.code(), is("too_many_connections"));
    }

    private static WebSocketRoutes.WsEvent connect(String connectionId, String user, String address) {
        return WebSocketRoutes.WsEvent.parse(Json.tree(("{\"requestContext\":{\"routeKey\":\"$connect\",\"eventType\":\"CONNECT\","
                + "\"connectionId\":\"" + connectionId + "\",\"identity\":{\"sourceIp\":\"" + address + "\"},"
                + "\"authorizer\":{\"principalId\":\"" + user + "\"}}}").getBytes())).orElseThrow();
    }

    /** An address of this run alone: the sets outlive a test run (2 h). */
    private static String address() {
        return "2001:db8::" + Integer.toHexString((int) (Math.random() * 0xffff)) + ":" + UUID.randomUUID().toString().substring(0, 4);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
