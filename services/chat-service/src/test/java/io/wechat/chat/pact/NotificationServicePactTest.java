package io.wechat.chat.pact;

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
import io.wechat.chat.admin.PushFigures;
import io.wechat.kit.auth.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What chat-service's {@code GET /admin/stats} expects of notification-service: {@code GET /admin/pushes/stats} with
 * the admin's own token answers the push counts of the last 24 hours (through the production {@link PushFigures}).
 * Writes contracts/chat-service-notification-service.json; the provider state answers {@code token}, an admin's.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "notification-service", pactVersion = PactSpecVersion.V4)
class NotificationServicePactTest {
    private static final String TOKEN = "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl";

    @Pact(consumer = "chat-service")
    V4Pact pushFigures(PactDslWithProvider builder) {
        return builder.given("an admin asks for the push figures")
                .uponReceiving("a request for the push figures of the last 24 hours")
                .method("GET").path("/admin/pushes/stats")
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .willRespondWith().status(200)
                .headers(Map.of("Content-Type", "application/json"))
                .body(new PactDslJsonBody().integerType("sent24h", 7).integerType("failed24h", 2))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "pushFigures")
    void readsThePushFigures(MockServer server) {
        var figures = new PushFigures(WebClient.builder().baseUri(server.getUrl())
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build())
                .last24h(new Caller("u-admin", TOKEN));
        assertThat(figures.sent24h(), is(7L));
        assertThat(figures.failed24h(), is(2L));
    }
}
