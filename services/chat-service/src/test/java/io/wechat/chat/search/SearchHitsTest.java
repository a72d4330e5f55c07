package io.wechat.chat.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.ConversationType;
import io.wechat.chat.conversations.Member;
import io.wechat.chat.conversations.Role;
import io.wechat.chat.conversations.SystemMessage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Which message read for a search becomes a hit, and what the hit says of its conversation. */
class SearchHitsTest {
    private static final List<Tokens.Piece> CLIMB = Tokens.forQuery("climb");
    private static final Conversation DIRECT = new Conversation("c-1", ConversationType.DIRECT, null, "u-1",
            "2026-12-01T10:00:00.000Z", 2, 9, "2026-12-01T10:00:00.000Z", null);
    private static final Conversation GROUP = new Conversation("c-1", ConversationType.GROUP, "Climbers", "u-1",
            "2026-12-01T10:00:00.000Z", 5, 9, "2026-12-01T10:00:00.000Z", null);
    private static final Member MEMBER = new Member("c-1", "u-1", Role.MEMBER, "2026-12-01T10:00:00.000Z", 0, null, null, "u-2");

    private static Map<String, AttributeValue> item(long seq, String type, String text) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("conversation_id", AttributeValue.fromS("c-1"));
        item.put("seq", AttributeValue.fromN(Long.toString(seq)));
        item.put("message_id", AttributeValue.fromS("m-" + seq));
        item.put("sender_id", AttributeValue.fromS("u-2"));
        item.put("type", AttributeValue.fromS(type));
        if (text != null) {
            item.put("text", AttributeValue.fromS(text));
        }
        item.put("created_at", AttributeValue.fromS("2026-12-01T10:00:00.000Z"));
        return item;
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> item, String flag) {
        item.put(flag, AttributeValue.fromBool(true));
        return item;
    }

    @Test
    void aMatchingMessageIsAHitWithItsConversationAndSnippet() {
        var hit = SearchHits.hit(item(3, "text", "Let's go climbing"), CLIMB, MEMBER, GROUP).orElseThrow();
        assertThat(hit.conversationId(), is("c-1"));
        assertThat(hit.conversationType(), is("group"));
        assertThat(hit.conversationTitle(), is("Climbers"));
        assertThat(hit.peerId(), is("u-2"));
        assertThat(hit.message().messageId(), is("m-3"));
        assertThat(hit.snippet().text(), is("Let's go climbing"));
        assertThat(SearchHits.hit(item(3, "text", "Let's go climbing"), CLIMB, MEMBER, DIRECT).orElseThrow()
                .conversationType(), is("direct"));
    }

    @Test
    void aMessageWhoseTextDoesNotHoldThePieceIsNoHit() {
        assertThat(SearchHits.hit(item(3, "text", "rock and roll"), CLIMB, MEMBER, GROUP).isPresent(), is(false));
    }

    @Test
    void goneMessagesAndConversationsAreNoHits() {
        assertThat(SearchHits.hit(null, CLIMB, MEMBER, GROUP).isPresent(), is(false));
        assertThat(SearchHits.hit(item(3, "text", "climbing"), CLIMB, MEMBER, null).isPresent(), is(false));
    }

    @Test
    void whatTheCallerNoLongerSeesIsNoHit() {
        Member hidingThree = new Member("c-1", "u-1", Role.MEMBER, "2026-12-01T10:00:00.000Z", 0, null, null, "u-2",
                new Member.Settings(false, false, false), Set.of(3L), 0);
        assertThat("deleted for themselves", SearchHits.hit(item(3, "text", "climbing"), CLIMB, hidingThree, GROUP)
                .isPresent(), is(false));
        assertThat("another seq stays", SearchHits.hit(item(4, "text", "climbing"), CLIMB, hidingThree, GROUP)
                .isPresent(), is(true));
        assertThat("recalled", SearchHits.hit(with(item(3, "text", "climbing"), "recalled"), CLIMB, MEMBER, GROUP)
                .isPresent(), is(false));
        assertThat("removed by a moderator", SearchHits.hit(with(item(3, "text", "climbing"), "removed"), CLIMB, MEMBER,
                GROUP).isPresent(), is(false));
        assertThat("a system message", SearchHits.hit(item(3, SystemMessage.TYPE, "u-1 named the group climbing"), CLIMB,
                MEMBER, GROUP).isPresent(), is(false));
        assertThat("media without a caption", SearchHits.hit(item(3, "image", null), CLIMB, MEMBER, GROUP).isPresent(),
                is(false));
    }
}
