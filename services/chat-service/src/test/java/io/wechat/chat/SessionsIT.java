package io.wechat.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.auth.RevokedSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    @RegisterExtension
    static final ChatStack stack = ChatStack.behindEdge();

    private static final Duration CLOSE = Duration.ofSeconds(5);

    @Test
    void signingOutClosesThatSessionsConnectionsOnly() {
        String user = stack.fixture().identity.newUser("Leaving");
        String leaving = UUID.randomUUID().toString();
        String staying = UUID.randomUUID().toString();
        WsClient ended = stack.connect(user, leaving);
        WsClient other = stack.connect(user, staying);

        stack.deliverUserEvent("user.signedOut", Map.of("userId", user, "sessionId", leaving));

        JsonNode frame = ended.next("session.ended");
        assertThat(frame.path("reason").asText(), is("signed_out"));
        assertThat(ended.awaitClosed(CLOSE), is(1000));
        other.send(Map.of("action", "ping"));
        assertThat(other.next("pong").path("type").asText(), is("pong"));
        assertThat("a redelivered event finds nothing to close",
                   stack.deliverUserEvent("user.signedOut", Map.of("userId", user, "sessionId", leaving)), is(true));
        other.close();
    }

    @Test
    void disablingClosesEveryConnectionAndRefusesNewOnesUntilEnabled() {
        String user = stack.fixture().identity.newUser("Disabled");
        String session = UUID.randomUUID().toString();
        WsClient phone = stack.connect(user, session);
        WsClient laptop = stack.connect(user, UUID.randomUUID().toString());

        stack.deliverUserEvent("user.disabled", Map.of("userId", user, "actorId", "u-admin", "reason", "spam"));

        for (WsClient socket : List.of(phone, laptop)) {
            assertThat(socket.next("session.ended").path("reason").asText(), is("account_disabled"));
            assertThat(socket.awaitClosed(CLOSE), is(1000));
        }
        assertThrows(CompletionException.class, () -> stack.connect(user, UUID.randomUUID().toString()),
                     "a disabled user's token must not open a connection");

        stack.deliverUserEvent("user.enabled", Map.of("userId", user, "actorId", "u-admin"));
        WsClient again = stack.connect(user, UUID.randomUUID().toString());
        again.send(Map.of("action", "ping"));
        assertThat(again.next("pong").path("type").asText(), is("pong"));
        again.close();
    }

    @Test
    void aRevokedSessionsTokenIsRefusedOnceTheListIsFetchedAgain() {
        String user = stack.fixture().identity.newUser("Revoked");
        String session = UUID.randomUUID().toString();
        String token = stack.fixture().identity.sessionToken(user, session);
        String presence = "/presence?userIds=" + user;
        assertThat(stack.api().get(presence, token).status(), is(200));

        stack.fixture().identity.revoke(session);
        stack.fixture().clock.advance(RevokedSessions.DEFAULT_REFRESH_INTERVAL);

        assertThat(stack.api().get(presence, token).status(), is(401));
        assertThrows(CompletionException.class, () -> new WsClient(stack.edge().webSocketUrl(token)),
                     "a revoked session's token must not open a connection");
        assertThat(stack.api().get(presence, stack.fixture().identity.sessionToken(user, UUID.randomUUID().toString())).status(),
                   is(200));
    }

}
