package io.wechat.chat;

import io.wechat.kit.events.SqsBatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.TestEdge;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.auth.RevokedSessions;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Ended sessions: user-service's user.signedOut / user.disabled / user.enabled events close the WebSockets they
 * concern (through the real local edge and @connections, real Redis), and its revocation list makes the services
 * refuse the session's tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsIT {
    private static final Duration CLOSE = Duration.ofSeconds(5);

    private TestEdge edge;
    private ChatServiceFixture fixture;
    private Api viaEdge;

    @BeforeAll
    void start() {
        edge = new TestEdge();
        fixture = new ChatServiceFixture(edge.url(), "http://127.0.0.1:9");
        edge.start("http://127.0.0.1:" + fixture.server.port(), fixture.identity, fixture.messagesStreamArn());
        viaEdge = new Api(edge.url());
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void signingOutClosesThatSessionsConnectionsOnly() {
        String user = fixture.identity.newUser("Leaving");
        String leaving = UUID.randomUUID().toString();
        String staying = UUID.randomUUID().toString();
        WsClient ended = connect(user, leaving);
        WsClient other = connect(user, staying);

        deliver("user.signedOut", Map.of("userId", user, "sessionId", leaving));

        JsonNode frame = ended.next("session.ended");
        assertThat(frame.path("reason").asText(), is("signed_out"));
        assertThat(ended.awaitClosed(CLOSE), is(1000));
        other.send(Map.of("action", "ping"));
        assertThat(other.next("pong").path("type").asText(), is("pong"));
        assertThat("a redelivered event finds nothing to close",
                   deliver("user.signedOut", Map.of("userId", user, "sessionId", leaving)), is(true));
        other.close();
    }

    @Test
    void disablingClosesEveryConnectionAndRefusesNewOnesUntilEnabled() {
        String user = fixture.identity.newUser("Disabled");
        String session = UUID.randomUUID().toString();
        WsClient phone = connect(user, session);
        WsClient laptop = connect(user, UUID.randomUUID().toString());

        deliver("user.disabled", Map.of("userId", user, "actorId", "u-admin", "reason", "spam"));

        for (WsClient socket : List.of(phone, laptop)) {
            assertThat(socket.next("session.ended").path("reason").asText(), is("account_disabled"));
            assertThat(socket.awaitClosed(CLOSE), is(1000));
        }
        assertThrows(CompletionException.class, () -> connect(user, UUID.randomUUID().toString()),
                     "a disabled user's token must not open a connection");

        deliver("user.enabled", Map.of("userId", user, "actorId", "u-admin"));
        WsClient again = connect(user, UUID.randomUUID().toString());
        again.send(Map.of("action", "ping"));
        assertThat(again.next("pong").path("type").asText(), is("pong"));
        again.close();
    }

    @Test
    void aRevokedSessionsTokenIsRefusedOnceTheListIsFetchedAgain() {
        String user = fixture.identity.newUser("Revoked");
        String session = UUID.randomUUID().toString();
        String token = fixture.identity.sessionToken(user, session);
        String presence = "/presence?userIds=" + user;
        assertThat(viaEdge.get(presence, token).status(), is(200));

        fixture.identity.revoke(session);
        fixture.clock.advance(RevokedSessions.DEFAULT_REFRESH_INTERVAL);

        assertThat(viaEdge.get(presence, token).status(), is(401));
        assertThrows(CompletionException.class, () -> new WsClient(edge.webSocketUrl(token)),
                     "a revoked session's token must not open a connection");
        assertThat(viaEdge.get(presence, fixture.identity.sessionToken(user, UUID.randomUUID().toString())).status(),
                   is(200));
    }

    private WsClient connect(String user, String sessionId) {
        WsClient socket = new WsClient(edge.webSocketUrl(fixture.identity.sessionToken(user, sessionId)));
        socket.send(Map.of("action", "ping"));
        assertThat("connected", socket.next("pong").path("type").asText(), is("pong"));
        return socket;
    }

    /** Delivers one of user-service's events as an SQS batch of one; answers whether it was processed. */
    private boolean deliver(String type, Map<String, Object> payload) {
        String body = EventEnvelope.of(type, payload, fixture.clock).toJson();
        var response = fixture.services.userEvents().handle(List.of(new SqsBatch.Record("m-1", body)));
        return response.batchItemFailures().isEmpty();
    }
}
