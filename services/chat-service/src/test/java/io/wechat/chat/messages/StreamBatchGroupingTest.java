package io.wechat.chat.messages;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.ConversationType;
import io.wechat.chat.support.StreamRecords;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/** How a stream batch's records are grouped: lanes per conversation, one activity key and one mark per target. */
class StreamBatchGroupingTest {
    private static final String AT = "2026-12-01T10:00:00.000Z";
    private static final String LATER = "2026-12-01T10:00:05.000Z";

    private static Message message(String conversationId, long seq, String createdAt, List<String> mentions, boolean all) {
        return new Message("m-" + conversationId + "-" + seq, conversationId, seq, "u-1", "text", "hi", null, "c-" + seq,
                createdAt, null, false, false, null, mentions, all, false, null, Map.of());
    }

    @Test
    void eachConversationMovesOnceToItsNewestMessage() {
        var keys = MemberActivity.newestKeys(List.of(message("a", 1, LATER, List.of(), false),
                message("b", 1, AT, List.of(), false), message("a", 2, AT, List.of(), false)));
        assertThat(keys, is(Map.of("a", LATER + "#a", "b", AT + "#b")));
    }

    @Test
    void eachMentionMarkIsRaisedOnceToItsGreatestSeq() {
        var marks = MessageStore.mentionMarks(List.of(message("a", 3, AT, List.of("u-2"), true),
                message("a", 5, AT, List.of("u-2", "u-3"), false), message("a", 4, AT, List.of("u-3"), true),
                message("b", 1, AT, List.of("u-2"), false)));
        assertThat(marks, is(Map.of(new MessageStore.MentionMark("a", "u-2"), 5L, new MessageStore.MentionMark("a", "u-3"), 5L,
                new MessageStore.MentionMark("a", null), 4L, new MessageStore.MentionMark("b", "u-2"), 1L)));
        assertThat(new MessageStore.MentionMark("a", null).attribute(), is("mention_all_seq"));
        assertThat(new MessageStore.MentionMark("a", "u-2").attribute(), is("mentioned_seq"));
    }

    @Test
    void recordsAreLanedByConversationInOrderAndThoseOfUnknownConversationsAreDone() {
        var steps = List.of(step("a", 1, 0), step("ghost", 1, 1), step("b", 1, 2), step("a", 2, 3), step("ghost", 2, 4));
        Map<String, Conversation> known = Map.of("a", conversation("a"), "b", conversation("b"));
        var lanes = MessageStreamConsumer.Lane.of(steps, known);
        assertThat(lanes.stream().map(MessageStreamConsumer.Lane::conversationId).toList(), contains("a", "b"));
        assertThat(lanes.get(0).steps().stream().map(MessageStreamConsumer.Step::index).toList(), contains(0, 3));
        assertThat(lanes.get(1).steps().stream().map(MessageStreamConsumer.Step::index).toList(), contains(2));
        assertThat(steps.stream().filter(step -> step.hooked(known)).map(MessageStreamConsumer.Step::index).toList(),
                contains(0, 2, 3));
    }

    @Test
    void anUnreadableRecordFailsWhereItIsRead() {
        ObjectNode message = messageNode("a", 1);
        var record = Json.MAPPER.valueToTree(StreamRecords.insert("arn", message, "7"));
        ((ObjectNode) record.path("dynamodb").path("NewImage").path("seq")).put("N", "not-a-number");
        try {
            MessageStreamConsumer.Step.of(0, record);
            throw new AssertionError("read");
        } catch (NumberFormatException expected) {
            assertThat(expected.getMessage().contains("not-a-number"), is(true));
        }
    }

    private static MessageStreamConsumer.Step step(String conversationId, long seq, int index) {
        return MessageStreamConsumer.Step.of(index, Json.MAPPER.valueToTree(
                StreamRecords.insert("arn", messageNode(conversationId, seq), Integer.toString(index))));
    }

    private static ObjectNode messageNode(String conversationId, long seq) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("conversationId", conversationId).put("seq", seq).put("messageId", "m-" + conversationId + "-" + seq)
                .put("senderId", "u-1").put("text", "hi").put("clientMessageId", "c-" + seq).put("createdAt", AT);
        message.putArray("mentions");
        return message;
    }

    private static Conversation conversation(String id) {
        return new Conversation(id, ConversationType.GROUP, "Team", "u-1", AT, 3, 0, AT, null);
    }
}
