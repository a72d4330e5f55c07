package io.wechat.chat.messages;

import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageRequestBodiesTest {
    private static String code(Runnable runnable) {
        return assertThrows(ApiException.class, runnable::run).code();
    }

    @Test
    void textMessagesNeedTextOfAtMost4000Characters() {
        assertThat(new MessageRequestBodies.SendMessage("c1", "text", "x".repeat(4000), null).text().length(), is(4000));
        // 4000 emoji are 8000 UTF-16 units but 4000 characters.
        assertThat(new MessageRequestBodies.SendMessage("c1", "text", "😀".repeat(4000), null).text().length(), is(8000));
        assertThat(code(() -> new MessageRequestBodies.SendMessage("c1", "text", "x".repeat(4001), null)), is("text_too_long"));
        assertThat(code(() -> new MessageRequestBodies.SendMessage("c1", "text", "  ", null)), is("invalid_text"));
        assertThat(code(() -> new MessageRequestBodies.SendMessage("c1", "text", "hi", "m1")), is("invalid_media_id"));
    }

    @Test
    void mediaMessagesNeedAMediaId() {
        assertThat(new MessageRequestBodies.SendMessage("c1", "image", null, "m-1").mediaId(), is("m-1"));
        assertThat(code(() -> new MessageRequestBodies.SendMessage("c1", "file", "caption", null)), is("invalid_media_id"));
    }

    @Test
    void unknownTypesAndMissingIdsAreRejected() {
        assertThat(code(() -> new MessageRequestBodies.SendMessage("c1", "video", "x", null)), is("invalid_type"));
        assertThat(code(() -> new MessageRequestBodies.SendMessage(null, "text", "x", null)), is("invalid_client_message_id"));
        assertThat(code(() -> new MessageRequestBodies.SendMessage("a#b", "text", "x", null)), is("invalid_client_message_id"));
    }

    @Test
    void jsonProblemsSurfaceAsApiErrors() {
        assertThat(code(() -> Json.parse("{\"clientMessageId\":\"c\",\"type\":\"gif\"}".getBytes(), MessageRequestBodies.SendMessage.class)),
                is("invalid_type"));
        assertThat(code(() -> Json.parse("{".getBytes(), MessageRequestBodies.SendMessage.class)), is("invalid_json"));
        assertThat(code(() -> Json.parse("{\"text\":5}".getBytes(), MessageRequestBodies.EditMessage.class)), is("invalid_json"));
        assertThat(code(() -> Json.parse("null".getBytes(), MessageRequestBodies.EditMessage.class)), is("invalid_json"));
    }

    @Test
    void previewsAreShortAndTombstonesHaveNone() {
        var message = new Message("m", "c", 1, "u", "text", "a\n\nb " + "x".repeat(200), null, "k", "t", null, false);
        assertThat(message.preview().startsWith("a b x"), is(true));
        assertThat(message.preview().codePointCount(0, message.preview().length()), is(Message.PREVIEW_LENGTH));
        assertThat(new Message("m", "c", 1, "u", "image", null, "md", "k", "t", null, false).preview(), is("[image]"));
        assertThat(new Message("m", "c", 1, "u", "text", null, null, "k", "t", null, true).preview(), is((String) null));
    }

    @Test
    void repliesMentionsAndForwardsAreValidatedFromJson() {
        var reply = Json.parse(("{\"clientMessageId\":\"c\",\"type\":\"text\",\"text\":\"hi\",\"replyTo\":\"m-1\","
                + "\"mentions\":[\"u-2\",\"u-2\",\"u-3\"]}").getBytes(), MessageRequestBodies.SendMessage.class);
        assertThat(reply.replyTo(), is("m-1"));
        assertThat(reply.mentions(), is(java.util.List.of("u-2", "u-3")));
        assertThat(reply.mentionAll(), is(false));
        var forward = Json.parse("{\"clientMessageId\":\"c\",\"forwardOf\":{\"conversationId\":\"c-1\",\"messageId\":\"m-1\"}}"
                .getBytes(), MessageRequestBodies.SendMessage.class);
        assertThat(forward.forwardOf().messageId(), is("m-1"));
        assertThat(code(() -> Json.parse(("{\"clientMessageId\":\"c\",\"type\":\"text\",\"text\":\"x\",\"forwardOf\":"
                + "{\"conversationId\":\"c-1\",\"messageId\":\"m-1\"}}").getBytes(), MessageRequestBodies.SendMessage.class)),
                is("invalid_forward"));
        assertThat(code(() -> Json.parse("{\"clientMessageId\":\"c\",\"forwardOf\":{\"conversationId\":\"c-1\"}}".getBytes(),
                MessageRequestBodies.SendMessage.class)), is("invalid_forward"));
        assertThat(code(() -> Json.parse("{\"clientMessageId\":\"c\",\"type\":\"text\",\"text\":\"x\",\"replyTo\":\"a#b\"}"
                .getBytes(), MessageRequestBodies.SendMessage.class)), is("invalid_reply_to"));
        assertThat(code(() -> Json.parse("{\"clientMessageId\":\"c\",\"type\":\"text\",\"text\":\"x\",\"mentions\":[\"a b\"]}"
                .getBytes(), MessageRequestBodies.SendMessage.class)), is("invalid_mentions"));
        String many = String.join(",", java.util.Collections.nCopies(51, "\"u\"")).replace("\"u\"", "\"u-%d\"");
        String fiftyOne = String.format(many, java.util.stream.IntStream.range(0, 51).boxed().toArray());
        assertThat(code(() -> Json.parse(("{\"clientMessageId\":\"c\",\"type\":\"text\",\"text\":\"x\",\"mentions\":["
                + fiftyOne + "]}").getBytes(), MessageRequestBodies.SendMessage.class)), is("too_many_mentions"));
    }

    @Test
    void reactionsAreCountedPerViewerAndTheFixedSetAcceptsABareHeart() {
        assertThat(io.wechat.chat.reactions.ReactionType.of("\u2764").orElseThrow(), is(io.wechat.chat.reactions.ReactionType.HEART));
        assertThat(io.wechat.chat.reactions.ReactionType.of("dog").isPresent(), is(false));
        var message = new Message("m", "c", 1, "u", "text", "hi", null, "k", "t", null, false, false, null, null, false,
                false, null, java.util.Map.of(io.wechat.chat.reactions.ReactionType.LAUGH, java.util.Set.of("u-1", "u-2")));
        assertThat(message.reactions().getFirst().count(), is(2));
        assertThat(message.reactions().getFirst().mine(), is(false));
        assertThat(message.forViewer("u-2").reactions().getFirst().mine(), is(true));
        assertThat(message.mentions("u-1"), is(false));
    }
}
