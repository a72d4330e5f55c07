package io.wechat.media.pact;

import java.time.Duration;
import java.util.Map;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.helidon.webclient.api.WebClient;
import io.wechat.kit.auth.Caller;
import io.wechat.media.conversations.ChatServiceMembership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What media-service expects of chat-service: {@code GET /conversations/{id}} with the caller's own token
 * answers 200 to a member and 404 to anyone else (through the production {@link ChatServiceMembership}).
 * Writes contracts/media-service-chat-service.json. The provider's state handlers return {@code token} (a
 * valid access token of the user the state names) and {@code conversationId}, which replace the examples.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "chat-service", pactVersion = PactSpecVersion.V4)
class ChatServicePactTest {
    private static final String CONSUMER = "media-service";
    private static final String TOKEN = "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl";

    @Pact(consumer = CONSUMER)
    V4Pact member(PactDslWithProvider builder) {
        return builder.given("conversation c-1 exists with member u-2")
                .uponReceiving("a request for conversation c-1 by its member u-2")
                .method("GET").pathFromProviderState("/conversations/${conversationId}", "/conversations/c-1")
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .willRespondWith().status(200)
                .headers(Map.of("Content-Type", "application/json"))
                .body(new PactDslJsonBody().valueFromProviderState("conversationId", "${conversationId}", "c-1"))
                .toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact nonMember(PactDslWithProvider builder) {
        return builder.given("conversation c-1 exists without member u-3")
                .uponReceiving("a request for conversation c-1 by non-member u-3")
                .method("GET").pathFromProviderState("/conversations/${conversationId}", "/conversations/c-1")
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .willRespondWith().status(404)
                .toPact(V4Pact.class);
    }

    private static ChatServiceMembership membership(MockServer server) {
        return new ChatServiceMembership(WebClient.builder().baseUri(server.getUrl())
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build());
    }

    @Test
    @PactTestFor(pactMethod = "member")
    void aMemberIsAMember(MockServer server) {
        assertThat(membership(server).isMember("c-1", new Caller("u-2", TOKEN)), is(true));
    }

    @Test
    @PactTestFor(pactMethod = "nonMember")
    void notFoundMeansNotAMember(MockServer server) {
        assertThat(membership(server).isMember("c-1", new Caller("u-3", TOKEN)), is(false));
    }
}
