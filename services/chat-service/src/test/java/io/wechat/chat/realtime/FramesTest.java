package io.wechat.chat.realtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

class FramesTest {
    private static JsonNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    @Test
    void aSentMessageBecomesMessageNewForRecipientsAndTheSender() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", "c-1");
        payload.put("message", Map.of("messageId", "m-1", "senderId", "u-1", "text", "hi"));
        payload.put("recipients", List.of("u-2", "u-3"));
        payload.put("preview", "hi");
        var delivery = Frames.forEvent("message.sent", tree(payload)).orElseThrow();
        assertThat(delivery.userIds(), contains("u-2", "u-3", "u-1"));
        assertThat(delivery.frame().path("type").asText(), is("message.new"));
        assertThat(delivery.frame().path("conversationId").asText(), is("c-1"));
        assertThat(delivery.frame().path("message").path("text").asText(), is("hi"));
        assertThat("no recipients or preview in the frame", delivery.frame().has("recipients") || delivery.frame().has("preview"), is(false));
    }

    @Test
    void aReactionChangeGoesToEveryMemberWithTheCountsAndNoRecipients() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", "c");
        payload.put("messageId", "m");
        payload.put("userId", "u-2");
        payload.put("reaction", "\uD83D\uDC4D");
        payload.put("added", true);
        payload.put("reactions", List.of(Map.of("reaction", "\uD83D\uDC4D", "count", 2)));
        payload.put("recipients", List.of("u-1", "u-2", "u-3"));
        var delivery = Frames.forEvent("reaction.updated", tree(payload)).orElseThrow();
        assertThat(delivery.userIds(), contains("u-1", "u-2", "u-3"));
        assertThat(delivery.frame().path("type").asText(), is("reaction.updated"));
        assertThat(delivery.frame().path("reactions").get(0).path("count").asInt(), is(2));
        assertThat(delivery.frame().path("added").asBoolean(), is(true));
        assertThat(delivery.frame().has("recipients"), is(false));
    }

    @Test
    void aCreatedGroupIsAConversationUpdatedFrameThatNamesTheConversationsTypeApart() {
        var created = Frames.forEvent("conversation.created", tree(Map.of("conversationId", "c", "type", "group",
                "title", "team", "memberIds", List.of("u-1", "u-2"), "createdBy", "u-1"))).orElseThrow();
        assertThat(created.userIds(), contains("u-1", "u-2"));
        assertThat(created.frame().path("type").asText(), is("conversation.updated"));
        assertThat(created.frame().path("change").asText(), is("created"));
        assertThat(created.frame().path("conversationType").asText(), is("group"));
        assertThat(created.frame().path("by").asText(), is("u-1"));
    }

    @Test
    void recallsReceiptsAndEditsKeepTheirType() {
        var recalled = Frames.forEvent("message.recalled", tree(Map.of("conversationId", "c", "messageId", "m",
                "senderId", "u-1", "seq", 4, "recipients", List.of("u-2")))).orElseThrow();
        assertThat(recalled.userIds(), contains("u-2", "u-1"));
        assertThat(recalled.frame().toString(), is("{\"type\":\"message.recalled\",\"conversationId\":\"c\",\"messageId\":\"m\",\"senderId\":\"u-1\",\"seq\":4}"));
        var read = Frames.forEvent("receipt.read", tree(Map.of("conversationId", "c", "userId", "u-2", "messageId", "m",
                "seq", 4, "readAt", "2026-11-26T21:00:00.000Z", "recipients", List.of("u-1")))).orElseThrow();
        assertThat(read.userIds(), contains("u-1", "u-2"));
        assertThat(read.frame().path("type").asText(), is("receipt.read"));
        var edited = Frames.forEvent("message.edited", tree(Map.of("conversationId", "c",
                "message", Map.of("senderId", "u-1", "text", "x"), "recipients", List.of("u-2")))).orElseThrow();
        assertThat(edited.frame().path("type").asText(), is("message.edited"));
    }

    @Test
    void aRemovalReachesEveryMemberWithoutTheModeratorsReasonOrTheMedia() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", "c");
        payload.put("messageId", "m");
        payload.put("senderId", "u-1");
        payload.put("seq", 4);
        payload.put("mediaId", "md-1");
        payload.put("removedBy", "u-admin");
        payload.put("reason", "spam");
        payload.put("recipients", List.of("u-1", "u-2"));
        var removed = Frames.forEvent("message.removed", tree(payload)).orElseThrow();
        assertThat(removed.userIds(), contains("u-1", "u-2"));
        assertThat(removed.frame().toString(), is("{\"type\":\"message.removed\",\"conversationId\":\"c\",\"messageId\":\"m\",\"senderId\":\"u-1\",\"seq\":4}"));
    }

    @Test
    void membershipChangesBecomeConversationUpdatedAlsoForTheRemovedMember() {
        var removed = Frames.forEvent("member.removed", tree(Map.of("conversationId", "c", "userId", "u-3",
                "removedBy", "u-1", "memberIds", List.of("u-1", "u-2")))).orElseThrow();
        assertThat(removed.userIds(), contains("u-1", "u-2", "u-3"));
        assertThat(removed.frame().path("type").asText(), is("conversation.updated"));
        assertThat(removed.frame().path("change").asText(), is("member_removed"));
        assertThat(removed.frame().path("by").asText(), is("u-1"));
        var renamed = Frames.forEvent("conversation.updated", tree(Map.of("conversationId", "c", "title", "T",
                "updatedBy", "u-1", "memberIds", List.of("u-1", "u-2")))).orElseThrow();
        assertThat(renamed.frame().path("change").asText(), is("renamed"));
        assertThat(renamed.frame().path("title").asText(), is("T"));
        assertThat(Frames.forEvent("something.else", tree(Map.of())).isPresent(), is(false));
    }

    @Test
    void errorAndPongFrames() {
        assertThat(Frames.pong().toString(), is("{\"type\":\"pong\"}"));
        assertThat(Frames.error("invalid_text", "text is required", "sendMessage", "c-9").toString(),
                is("{\"type\":\"error\",\"error\":{\"code\":\"invalid_text\",\"message\":\"text is required\"},"
                        + "\"action\":\"sendMessage\",\"clientMessageId\":\"c-9\"}"));
        assertThat(Frames.typing("c", "u-1", "2026-11-26T21:00:00.000Z").toString(),
                is("{\"type\":\"typing\",\"conversationId\":\"c\",\"userId\":\"u-1\",\"at\":\"2026-11-26T21:00:00.000Z\"}"));
    }
}
