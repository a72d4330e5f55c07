package io.wechat.notification.notifications;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.web.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageSentTest {
    private static final String OCCURRED = "2026-11-26T21:00:00.000Z";

    private static JsonNode payload(String json) {
        return Json.tree(json.replace('\'', '"').getBytes());
    }

    @Test
    void readsTheFieldsItUses() {
        MessageSent event = MessageSent.from("e-1", OCCURRED, payload("{'conversationId':'c-1','conversationType':'group',"
                + "'conversationTitle':'G','message':{'messageId':'m-1','senderId':'u-1','createdAt':'2026-11-26T20:59:59.5Z'},"
                + "'senderDisplayName':'Alice','preview':'Hi','recipients':['u-2','u-3','u-1','u-2'],'onlineRecipientIds':['u-3']}"));
        assertThat(event.conversationType(), is("group"));
        assertThat(event.sentAt(), is("2026-11-26T20:59:59.500Z"));
        assertThat(event.pushCandidates(), is(List.of("u-2", "u-3")));
        assertThat(event.onlineRecipientIds(), is(Set.of("u-3")));
    }

    @Test
    void missingPresenceMeansNobodyOnlineAndMissingTimeFallsBackToTheEvent() {
        MessageSent event = MessageSent.from("e-1", OCCURRED,
                payload("{'conversationId':'c-1','message':{'messageId':'m-1'},'recipients':['u-2']}"));
        assertThat(event.onlineRecipientIds().isEmpty(), is(true));
        assertThat(event.sentAt(), is(OCCURRED));
        assertThat(event.conversationType(), is("direct"));
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> MessageSent.from("e-1", OCCURRED,
                payload("{'conversationId':'c-1','message':{'messageId':'m-1'}}")));
        assertThrows(IllegalArgumentException.class, () -> MessageSent.from("e-1", OCCURRED,
                payload("{'conversationId':'c#1','message':{'messageId':'m-1'},'recipients':[]}")));
        assertThrows(IllegalArgumentException.class, () -> MessageSent.from("e-1", OCCURRED,
                payload("{'conversationId':'c-1','message':{},'recipients':[]}")));
        assertThrows(IllegalArgumentException.class, () -> MessageSent.from("e-1", OCCURRED,
                payload("{'conversationId':'c-1','message':{'messageId':'m-1'},'recipients':[1]}")));
        assertThrows(IllegalArgumentException.class, () -> MessageSent.from("e-1", "yesterday",
                payload("{'conversationId':'c-1','message':{'messageId':'m-1'},'recipients':[]}")));
        assertThrows(IllegalArgumentException.class, () -> MessageSent.from("e-1", OCCURRED, payload("[]")));
    }

    @Test
    void readsTheIdsAndWhoWasMentioned() {
        MessageSent event = MessageSent.from("e-1", OCCURRED, payload("{'conversationId':'c-1','conversationType':'group',"
                + "'message':{'messageId':'m-1','senderId':'u-1','mentions':['u-3']},'recipients':['u-2','u-3']}"));
        assertThat(event.eventId(), is("e-1"));
        assertThat(event.conversationId(), is("c-1"));
        assertThat(event.messageId(), is("m-1"));
        assertThat(event.senderId(), is("u-1"));
        assertThat(event.mentionedIds(), is(Set.of("u-3")));
    }

    @Test
    void mentioningEveryoneMentionsEveryRecipient() {
        MessageSent event = MessageSent.from("e-1", OCCURRED, payload("{'conversationId':'c-1','conversationType':'group',"
                + "'message':{'messageId':'m-1','senderId':'u-1','mentionAll':true,'mentions':['u-2']},"
                + "'recipients':['u-1','u-2','u-3']}"));
        assertThat(event.mentionedIds(), is(Set.of("u-1", "u-2", "u-3")));
        MessageSent nobody = MessageSent.from("e-2", OCCURRED, payload("{'conversationId':'c-1',"
                + "'message':{'messageId':'m-1','mentionAll':false},'recipients':['u-2']}"));
        assertThat(nobody.mentionedIds(), is(Set.of()));
    }

    @Test
    void anEventBuiltWithoutMentionsMentionsNobody() {
        MessageSent event = new MessageSent("e-1", "c-1", "direct", null, "m-1", "u-1", OCCURRED, "Alice", "hi",
                List.of("u-2"), Set.of(), null);
        assertThat(event.mentionedIds(), is(Set.of()));
    }
}
