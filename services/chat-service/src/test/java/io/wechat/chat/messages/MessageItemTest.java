package io.wechat.chat.messages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.wechat.chat.reactions.ReactionType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** A message as the messages table holds it, and read back. */
class MessageItemTest {
    private static final String AT = "2026-12-01T10:00:00.000Z";

    @Test
    void aReplyWithMentionsAndAForwardIsStoredAndReadBackWhole() {
        var quote = new Message.ReplyTo("m-0", 1, "u-2", "text", "hello", false, false);
        var message = new Message("m-1", "c-1", 2, "u-1", "text", "hi @bob", null, "client-1", AT, null, false, false,
                quote, List.of("u-2", "u-3"), true, true, null, Map.of());
        Map<String, AttributeValue> item = message.toItem();
        assertThat(item.get("conversation_id").s(), is("c-1"));
        assertThat(item.get("seq").n(), is("2"));
        assertThat(item.containsKey("media_id"), is(false));
        assertThat(Message.fromItem(item), is(message));
    }

    @Test
    void aPlainMediaMessageStoresNoneOfTheOptionalParts() {
        var message = new Message("m-2", "c-1", 3, "u-1", "image", null, "media-1", "client-2", AT, null, false);
        Map<String, AttributeValue> item = message.toItem();
        assertThat(item.get("media_id").s(), is("media-1"));
        for (String absent : List.of("text", "reply_to", "mentions", "mention_all", "forwarded")) {
            assertThat(absent, item.containsKey(absent), is(false));
        }
        assertThat(item.get("recalled").bool(), is(false));
        Message read = Message.fromItem(item);
        assertThat(read, is(message));
        assertThat(read.mentions("u-2"), is(false));
    }

    @Test
    void aRecalledQuoteLosesItsPreviewAndReactionsAreCountedPerViewer() {
        var quote = new Message.ReplyTo("m-0", 1, "u-2", "text", null, false, false);
        Map<String, AttributeValue> item = new HashMap<>(new Message("m-3", "c-1", 4, "u-1", "text", "ok", null, "client-3",
                AT, null, true, false, quote, List.of(), false, false, null, Map.of()).toItem());
        assertThat(item.get("recalled").bool(), is(true));
        assertThat(item.get("reply_to").m().containsKey("preview"), is(false));
        item.put(ReactionType.HEART.attribute(), AttributeValue.fromSs(List.of("u-2", "u-3")));
        Message read = Message.fromItem(item);
        assertThat(read.recalled(), is(true));
        assertThat(read.replyTo().preview(), is((String) null));
        assertThat(read.forViewer("u-2").reactions(), is(List.of(new Message.Reaction(ReactionType.HEART.emoji(), 2, true))));
        assertThat(read.forViewer("u-9").reactions(), is(List.of(new Message.Reaction(ReactionType.HEART.emoji(), 2, false))));
    }
}
