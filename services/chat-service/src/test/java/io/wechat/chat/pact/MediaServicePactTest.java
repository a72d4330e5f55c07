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
import io.wechat.chat.media.MediaDirectory;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What chat-service expects of media-service before it accepts an image or file message: {@code GET
 * /media/{mediaId}} with the sender's token, answering {@code status} and {@code ownerId} (through the
 * production {@link MediaDirectory}). Writes contracts/chat-service-media-service.json. The media id, the
 * owner's id and the token come from the provider state: media-service's verification creates the media
 * for the states and answers {@code mediaId}, {@code userId} and {@code token}.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "media-service", pactVersion = PactSpecVersion.V4)
class MediaServicePactTest {
    private static final String CONSUMER = "chat-service";
    private static final String TOKEN = "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl";

    @Pact(consumer = CONSUMER)
    V4Pact mediaReady(PactDslWithProvider builder) {
        return builder.given("media m-1 is ready and owned by u-1")
                .uponReceiving("a request for ready media m-1 by its owner")
                .method("GET").pathFromProviderState("/media/${mediaId}", "/media/m-1")
                .matchHeader("Authorization", "Bearer .+", TOKEN)
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .willRespondWith().status(200)
                .headers(Map.of("Content-Type", "application/json"))
                .body(new PactDslJsonBody()
                        .valueFromProviderState("mediaId", "${mediaId}", "m-1")
                        .stringValue("status", "ready")
                        .valueFromProviderState("ownerId", "${userId}", "u-1")
                        .stringType("contentType", "image/png"))
                .toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact mediaPending(PactDslWithProvider builder) {
        return builder.given("media m-2 is pending and owned by u-1")
                .uponReceiving("a request for media m-2 still being uploaded, by its owner")
                .method("GET").pathFromProviderState("/media/${mediaId}", "/media/m-2")
                .matchHeader("Authorization", "Bearer .+", TOKEN)
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .willRespondWith().status(200)
                .headers(Map.of("Content-Type", "application/json"))
                .body(new PactDslJsonBody()
                        .valueFromProviderState("mediaId", "${mediaId}", "m-2")
                        .stringValue("status", "pending")
                        .valueFromProviderState("ownerId", "${userId}", "u-1"))
                .toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    V4Pact mediaMissing(PactDslWithProvider builder) {
        return builder.given("media m-404 does not exist")
                .uponReceiving("a request for unknown media m-404")
                .method("GET").path("/media/m-404")
                .matchHeader("Authorization", "Bearer .+", TOKEN)
                .headerFromProviderState("Authorization", "Bearer ${token}", TOKEN)
                .willRespondWith().status(404)
                .toPact(V4Pact.class);
    }

    private static MediaDirectory directory(MockServer server) {
        WebClient client = WebClient.builder().baseUri(server.getUrl())
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build();
        return new MediaDirectory(client);
    }

    @Test
    @PactTestFor(pactMethod = "mediaReady")
    void acceptsReadyMediaOfTheSender(MockServer server) {
        MediaDirectory directory = directory(server);
        assertDoesNotThrow(() -> directory.requireSendable("m-1", new Caller("u-1", TOKEN)));
        // The same answer read for another sender: the owner in the body is what made the first one pass.
        var e = assertThrows(ApiException.class, () -> directory.requireSendable("m-1", new Caller("u-2", TOKEN)));
        assertThat(e.code(), is("invalid_media"));
    }

    @Test
    @PactTestFor(pactMethod = "mediaPending")
    void refusesMediaThatIsNotReady(MockServer server) {
        var e = assertThrows(ApiException.class, () -> directory(server).requireSendable("m-2", new Caller("u-1", TOKEN)));
        assertThat(e.code(), is("invalid_media"));
    }

    @Test
    @PactTestFor(pactMethod = "mediaMissing")
    void refusesUnknownMedia(MockServer server) {
        var e = assertThrows(ApiException.class, () -> directory(server).requireSendable("m-404", new Caller("u-1", TOKEN)));
        assertThat(e.code(), is("invalid_media"));
        assertThat(e.status().code(), is(400));
    }
}
