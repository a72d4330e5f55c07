package io.wechat.media.pact;

import java.util.Map;

import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.junit5.ProviderType;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Interaction;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.media.accounts.AccountDeletion;
import io.wechat.media.events.MessageRemovedHandler;
import io.wechat.media.support.SqsBatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What media-service expects of user-service's user.deleted event: the id of the user whose media it erases, arriving
 * on the queue it shares with chat-service's events (so {@link MessageRemovedHandler} takes the batch and hands the
 * event to {@link AccountDeletion}, which reads the id). Writes contracts/media-service-user-service.json.
 * AccountDeletionIT erases through the same path against the emulator.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "user-service", providerType = ProviderType.ASYNCH, pactVersion = PactSpecVersion.V4)
class UserServicePactTest {
    private static final String CONSUMER = "media-service";

    @Pact(consumer = CONSUMER)
    V4Pact userDeleted(PactBuilder builder) {
        PactDslJsonBody body = (PactDslJsonBody) new PactDslJsonBody()
                .uuid("eventId", "6f1c2a8e-3b4d-4c5e-8f90-1a2b3c4d5e6f")
                .stringValue("type", AccountDeletion.DELETED)
                .integerType("version", 1)
                .stringMatcher("occurredAt", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z", "2026-12-01T15:00:00.000Z")
                .object("payload")
                .stringType("userId", "u-2")
                .closeObject();
        return builder.given("user u-2 deletes their account")
                .expectsToReceiveMessageInteraction("a user.deleted event", m -> m
                        .withContents(c -> c.withMetadata(Map.of("type", AccountDeletion.DELETED)).withContent(body)))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "userDeleted")
    void erasesTheDeletedUsersMedia(V4Interaction.AsynchronousMessage message) {
        assertThat(MessageRemovedHandler.handles(SqsBatches.of(message)), is(true));
        EventEnvelope event = EventEnvelope.parse(SqsBatches.body(message));
        assertThat(event.type(), is(AccountDeletion.DELETED));
        assertThat(AccountDeletion.deletedUserId(event), is("u-2"));
    }
}
