package io.wechat.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.support.ChatServiceFixture;
import io.wechat.chat.support.TestEdge;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * A direct conversation's {@code conversation.created} comes from what was committed, not from the request: the
 * request publishes nothing, so a process that dies right after the commit loses nothing, and the messages table's
 * stream, read by an edge started only afterwards (as after a crash), publishes it exactly once with a stable id.
 */
class ConversationCreatedIT {
    private ChatServiceFixture fixture;
    private TestEdge edge;

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aDirectConversationIsAnnouncedFromTheStreamOnceAndNotByTheRequest() {
        fixture = new ChatServiceFixture();
        String alice = fixture.identity.newUser("Alice");
        String bob = fixture.identity.newUser("Bob");
        String aliceToken = fixture.identity.token(alice);
        var created = fixture.api.post("/conversations", aliceToken, Map.of("type", "direct", "memberIds", List.of(bob)));
        assertThat(created.toString(), created.status(), is(201));
        String id = created.body().path("conversationId").asText();
        // The pair's second create finds the conversation and commits nothing new.
        var again = fixture.api.post("/conversations", fixture.identity.token(bob), Map.of("type", "direct", "memberIds", List.of(alice)));
        assertThat(again.body().path("conversationId").asText(), is(id));

        // Nobody reads the stream yet: whatever the request path would publish is on the queue by now.
        assertThat(createdEvents(id, 3), is(empty()));
        // The creation record is no message: the history is empty.
        var history = fixture.api.get("/conversations/" + id + "/messages", aliceToken);
        assertThat(history.toString(), history.body().path("items").size(), is(0));

        edge = new TestEdge().start("http://127.0.0.1:" + fixture.server.port(), fixture.identity, fixture.messagesStreamArn());
        List<JsonNode> events = new ArrayList<>();
        for (int round = 0; round < 30 && events.isEmpty(); round++) {
            events.addAll(createdEvents(id, 1));
        }
        events.addAll(createdEvents(id, 3));
        assertThat(events, hasSize(1));
        JsonNode event = events.getFirst();
        assertThat(event.path("eventId").asText(), is(UUID.nameUUIDFromBytes(("conversation.created/conversation/" + id)
                .getBytes(StandardCharsets.UTF_8)).toString()));
        assertThat(event.path("payload").path("type").asText(), is("direct"));
        assertThat(event.path("payload").path("createdBy").asText(), is(alice));
        List<String> memberIds = new ArrayList<>();
        event.path("payload").path("memberIds").forEach(m -> memberIds.add(m.asText()));
        assertThat(memberIds, containsInAnyOrder(alice, bob));
    }

    /** The {@code conversation.created} events of {@code conversationId} received in {@code rounds} one-second polls. */
    private List<JsonNode> createdEvents(String conversationId, int rounds) {
        List<JsonNode> found = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            var received = fixture.sqs.receiveMessage(b -> b.queueUrl(fixture.eventsQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (var message : received) {
                fixture.sqs.deleteMessage(b -> b.queueUrl(fixture.eventsQueueUrl).receiptHandle(message.receiptHandle()));
                JsonNode envelope = Json.tree(message.body().getBytes(StandardCharsets.UTF_8));
                if (envelope.path("type").asText().equals("conversation.created")
                        && envelope.path("payload").path("conversationId").asText().equals(conversationId)) {
                    found.add(envelope);
                }
            }
        }
        return found;
    }
}
