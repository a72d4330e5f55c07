package io.wechat.media.pact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.helidon.webclient.api.WebClient;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.testing.UniqueIds;
import io.wechat.media.catalog.Media;
import io.wechat.media.catalog.MediaStatus;
import io.wechat.media.catalog.MediaStore;
import io.wechat.media.conversations.ChatServiceMembership;
import io.wechat.media.events.MessageRemovedHandler;
import io.wechat.media.support.MediaServiceFixture;
import io.wechat.media.support.SqsBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What media-service expects of chat-service: {@code GET /conversations/{id}} with the caller's own token
 * answers 200 to a member and 404 to anyone else (through the production {@link ChatServiceMembership}); and the
 * {@code message.removed} event names the removed message's media (fed, twice, to the production
 * {@link MessageRemovedHandler} over the Terraform fixture's media table in the emulator, with ids of the test's own in
 * place of the examples).
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

    @Pact(consumer = CONSUMER)
    V4Pact messageRemoved(PactBuilder builder) {
        PactDslJsonBody body = (PactDslJsonBody) new PactDslJsonBody()
                .uuid("eventId", "6f1c2a8e-3b4d-4c5e-8f90-1a2b3c4d5e6f")
                .stringValue("type", "message.removed")
                .integerType("version", 1)
                .stringMatcher("occurredAt", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z", "2026-12-01T15:00:00.000Z")
                .object("payload")
                .stringType("conversationId", "c-1")
                .stringType("messageId", "m-1")
                .stringType("mediaId", "md-1")
                .closeObject();
        return builder.given("a moderator removes message m-1 of conversation c-1, an image with media md-1")
                .expectsToReceiveMessageInteraction("a message.removed event", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", "message.removed")).withContent(body)))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "messageRemoved", providerType = ProviderType.ASYNCH)
    void stopsServingTheMediaOfARemovedMessage(V4Interaction.AsynchronousMessage message) {
        UniqueIds ids = new UniqueIds("c-1", "m-1", "md-1", "md-2");
        withMedia(ids, media -> {
            consumeTwice(media, ids, message);
            assertThat(media.find(ids.of("md-1")).isPresent(), is(false));
            assertThat("other media is still served", media.find(ids.of("md-2")).isPresent(), is(true));
        });
    }

    @Pact(consumer = CONSUMER)
    V4Pact mediaShared(PactBuilder builder) {
        PactDslJsonBody body = (PactDslJsonBody) new PactDslJsonBody()
                .uuid("eventId", "7a2d3b9f-4c5e-4d6f-9a01-2b3c4d5e6f70")
                .stringValue("type", "media.shared")
                .integerType("version", 1)
                .stringMatcher("occurredAt", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z", "2026-12-01T15:00:00.000Z")
                .object("payload")
                .stringType("conversationId", "c-2")
                .stringType("mediaId", "md-1")
                .closeObject();
        return builder.given("user u-1 forwards an image message with media md-1 to conversation c-2")
                .expectsToReceiveMessageInteraction("a media.shared event", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", "media.shared")).withContent(body)))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "mediaShared", providerType = ProviderType.ASYNCH)
    void sharesAForwardedMediaWithTheNewConversation(V4Interaction.AsynchronousMessage message) {
        UniqueIds ids = new UniqueIds("c-2", "md-1", "md-2");
        withMedia(ids, media -> {
            consumeTwice(media, ids, message);
            assertThat(media.find(ids.of("md-1")).orElseThrow().sharedWith(), is(Set.of(ids.of("c-2"))));
            assertThat("other media is left alone", media.find(ids.of("md-2")).orElseThrow().sharedWith(), is(Set.of()));
        });
    }

    /**
     * Media md-1 and md-2 of u-1, pending, under ids of this test's own in the media table of the run's Terraform
     * fixture, which every test shares.
     */
    private static void withMedia(UniqueIds ids, Consumer<MediaStore> test) {
        try (DynamoDbClient dynamo = TestCloud.configure(DynamoDbClient.builder()).build()) {
            MediaStore media = new MediaStore(dynamo, MediaServiceFixture.mediaTable());
            Instant expires = Instant.now().plusSeconds(3600);
            media.createPending(pending(ids.of("md-1")), expires);
            media.createPending(pending(ids.of("md-2")), expires);
            test.accept(media);
        }
    }

    /**
     * Hands the message, with this test's ids in place of the examples, to the production handler as an SQS batch,
     * twice (delivery is at least once).
     */
    private static void consumeTwice(MediaStore media, UniqueIds ids, V4Interaction.AsynchronousMessage message) {
        var handler = new MessageRemovedHandler(media, null /* these events erase no account */, Clock.systemUTC());
        var batch = SqsBatches.ofBody(ids.rewrite(SqsBatches.body(message)));
        assertThat(MessageRemovedHandler.handles(batch), is(true));
        assertThat(handler.handle(batch).batchItemFailures().isEmpty(), is(true));
        assertThat("delivered again", handler.handle(batch).batchItemFailures().isEmpty(), is(true));
    }

    private static Media pending(String mediaId) {
        String now = Instant.now().toString();
        return new Media(mediaId, "u-1", MediaStatus.PENDING, "image/png", 68, "a.png", "c-1", "uploads/u-1/" + mediaId,
                null, null, null, null, null, now, now, false, Set.of());
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
