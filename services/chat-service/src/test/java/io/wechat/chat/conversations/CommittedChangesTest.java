package io.wechat.chat.conversations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.chat.events.EventPublisher;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The events the messages table's stream publishes from committed changes: a group's system message and a direct
 * conversation's creation record, each under an id of its own that a redelivered record keeps.
 */
class CommittedChangesTest {
    private static final String CREATED_AT = "2026-12-01T10:00:00.000Z";

    private final List<Sent> sent = new ArrayList<>();
    private final CommittedChanges changes = new CommittedChanges(new EventPublisher() {
        @Override
        public void publish(String type, String conversationId, Object payload) {
            throw new AssertionError("a committed change is sent as its envelope, not published anew");
        }

        @Override
        public void send(EventEnvelope event, String conversationId) {
            sent.add(new Sent(event, conversationId));
        }
    });

    @Test
    void aSystemMessagePublishesTheEventItHoldsWithTheMessageInIt() {
        SystemMessage added = SystemMessage.of("c-1", "u-1", "Alice added Bob", CREATED_AT, "member.added",
                Map.of("conversationId", "c-1", "userId", "u-2"));
        JsonNode answered = Json.tree("{\"messageId\":\"m-1\",\"text\":\"Alice added Bob\"}".getBytes());

        changes.publish(added.toItem(4), answered);
        changes.publish(added.toItem(4), answered);

        Sent first = sent.getFirst();
        assertThat(first.conversationId(), is("c-1"));
        assertThat(first.event().type(), is("member.added"));
        assertThat(first.event().version(), is(EventEnvelope.VERSION));
        assertThat(first.event().occurredAt(), is(CREATED_AT));
        assertThat(first.event().payload().path("userId").asText(), is("u-2"));
        assertThat(first.event().payload().path("message"), is(answered));
        assertThat(first.event().eventId(), is(SystemMessage.eventId("member.added", added.messageId())));
        assertThat("a redelivered record publishes the same event", sent.get(1).event(), is(first.event()));

        SystemMessage removed = SystemMessage.of("c-1", "u-1", "Alice removed Bob", CREATED_AT, "member.removed",
                Map.of("conversationId", "c-1", "userId", "u-2"));
        changes.publish(removed.toItem(5), answered);
        assertThat(sent.get(2).event().eventId(), is(not(first.event().eventId())));
    }

    @Test
    void aDirectConversationsCreationIsPublishedOnceUnderItsOwnId() {
        Map<String, AttributeValue> record = CreationRecord.toItem("c-2", CREATED_AT,
                Map.of("conversationId", "c-2", "type", "direct"));

        changes.publishCreation(record);
        changes.publishCreation(CreationRecord.toItem("c-3", CREATED_AT, Map.of("conversationId", "c-3")));

        Sent created = sent.getFirst();
        assertThat(created.conversationId(), is("c-2"));
        assertThat(created.event().type(), is("conversation.created"));
        assertThat(created.event().occurredAt(), is(CREATED_AT));
        assertThat(created.event().payload().path("type").asText(), is("direct"));
        assertThat(created.event().eventId(), is(CreationRecord.eventId("c-2")));
        assertThat(CreationRecord.eventId("c-2"), is(CreationRecord.eventId("c-2")));
        assertThat(sent.get(1).event().eventId(), is(not(created.event().eventId())));
    }

    @Test
    void aCreationRecordIsNoMessage() {
        Map<String, AttributeValue> record = CreationRecord.toItem("c-2", CREATED_AT, Map.of("conversationId", "c-2"));
        assertThat(CreationRecord.is(record), is(true));
        assertThat(record.get("seq").n(), is("0"));

        SystemMessage system = SystemMessage.of("c-1", "u-1", "Alice named the group", CREATED_AT,
                "conversation.updated", Map.of("conversationId", "c-1"));
        assertThat("a system message has a message id", CreationRecord.is(system.toItem(0)), is(false));

        Map<String, AttributeValue> later = new HashMap<>(record);
        later.put("seq", AttributeValue.fromN("1"));
        assertThat(CreationRecord.is(later), is(false));

        Map<String, AttributeValue> plain = new HashMap<>(record);
        plain.remove("event_type");
        assertThat(CreationRecord.is(plain), is(false));
    }

    private record Sent(EventEnvelope event, String conversationId) {
    }
}
