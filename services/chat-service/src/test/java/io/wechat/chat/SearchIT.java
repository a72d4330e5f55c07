package io.wechat.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.storage.StreamImages;
import io.wechat.chat.support.ChatStack;
import io.wechat.chat.support.ChatStack.User;
import io.wechat.chat.support.StreamRecords;
import io.wechat.chat.support.WsClient;
import io.wechat.kit.testing.Api;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Times;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Search through the real edge, which delivers the messages table's stream to the consumer that keeps the index:
 * English and Chinese, edits and recalls, and membership at the time of the search.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {
    @RegisterExtension
    static final ChatStack stack = ChatStack.behindEdge();

    private String send(User from, String conversationId, String text) {
        stack.fixture().clock.advance(Duration.ofMillis(10));
        var sent = stack.api().post("/conversations/" + conversationId + "/messages", from.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "text", "text", text));
        assertThat(sent.toString(), sent.status(), is(201));
        return sent.body().path("messageId").asText();
    }

    private Api.Response search(User user, String query, String extra) {
        return stack.api().get("/messages/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + extra, user.token());
    }

    private List<String> hitIds(User user, String query, String extra) {
        var found = search(user, query, extra);
        assertThat(found.toString(), found.status(), is(200));
        List<String> ids = new ArrayList<>();
        found.body().path("items").forEach(hit -> ids.add(hit.path("message").path("messageId").asText()));
        return ids;
    }

    /** The index follows the stream: wait (bounded) until the search answers what is expected. */
    private List<String> awaitHits(User user, String query, String extra, List<String> expected) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<String> ids = hitIds(user, query, extra);
        while (!ids.equals(expected) && Instant.now().isBefore(deadline)) {
            sleep();
            ids = hitIds(user, query, extra);
        }
        return ids;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void findsEnglishAndChineseNewestFirstInTheCallersConversationsOnly() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        User carol = stack.user("Carol");
        String direct = stack.api().post("/conversations", alice.token(), Map.of("type", "direct", "memberIds", List.of(bob.id())))
                .body().path("conversationId").asText();
        String group = stack.api().post("/conversations", alice.token(), Map.of("type", "group", "title", "Climbers",
                "memberIds", List.of(carol.id()))).body().path("conversationId").asText();
        String gym = send(alice, direct, "Let's meet at the Climbing gym tomorrow");
        String chinese = send(bob, direct, "我们明天去爬山吧");
        String fun = send(carol, group, "climbing is fun");

        assertThat(awaitHits(alice, "climb", "", List.of(fun, gym)), is(List.of(fun, gym)));
        JsonNode hit = search(alice, "climb", "").body().path("items").get(1);
        assertThat(hit.path("conversationId").asText(), is(direct));
        assertThat(hit.path("conversationType").asText(), is("direct"));
        assertThat(hit.path("peerId").asText(), is(bob.id()));
        JsonNode mark = hit.path("snippet").path("highlights").get(0);
        assertThat(hit.path("snippet").path("text").asText()
                .substring(mark.path("start").asInt(), mark.path("start").asInt() + mark.path("length").asInt()), is("Climb"));

        assertThat(awaitHits(bob, "爬山", "", List.of(chinese)), is(List.of(chinese)));
        assertThat(hitIds(alice, "明天 爬山", ""), is(List.of(chinese)));
        assertThat(hitIds(alice, "山爬", ""), is(List.of()));
        assertThat(hitIds(carol, "climbing", ""), is(List.of(fun)));
        assertThat(hitIds(alice, "climbing", "&conversationId=" + group), is(List.of(fun)));
        assertThat(search(bob, "climbing", "&conversationId=" + group).errorCode(), is("conversation_not_found"));
        assertThat(search(alice, "a", "").errorCode(), is("invalid_query"));
        assertThat(search(alice, "", "").errorCode(), is("invalid_query"));

        // Paging: one hit a page, newest first, then the rest.
        var first = search(alice, "climb", "&limit=1");
        assertThat(first.body().path("items").get(0).path("message").path("messageId").asText(), is(fun));
        String cursor = first.body().path("nextCursor").asText();
        assertThat(hitIds(alice, "climb", "&limit=1&cursor=" + cursor), is(List.of(gym)));

        // An edit drops the words it removed; a recall drops the message.
        assertThat(stack.api().patch("/conversations/" + direct + "/messages/" + gym, alice.token(),
                Map.of("text", "Let's meet at the gym")).status(), is(200));
        assertThat(awaitHits(alice, "climbing", "", List.of(fun)), is(List.of(fun)));
        assertThat(hitIds(alice, "gym", ""), is(List.of(gym)));
        assertThat(stack.api().delete("/conversations/" + direct + "/messages/" + chinese, bob.token()).status(), is(200));
        assertThat(awaitHits(bob, "爬山", "", List.of()), is(List.of()));

        // Deleted for me: gone from my search, still in the others'.
        assertThat(stack.api().delete("/conversations/" + group + "/messages/" + fun + "?for=me", alice.token()).status(), is(204));
        assertThat(hitIds(alice, "climbing", ""), is(List.of()));
        assertThat(hitIds(carol, "climbing", ""), is(List.of(fun)));

        // Membership counts at the time of the search.
        assertThat(stack.api().delete("/conversations/" + group + "/members/" + carol.id(), carol.token()).status(), is(204));
        assertThat(hitIds(carol, "climbing", ""), is(List.of()));
    }

    /**
     * The stream's consumer writes a message's postings before it sends its frame: a search typed the moment the frame
     * arrives finds it. The message is written straight into the table, so its only frame is the stream's.
     */
    @Test
    void aMessageIsFoundTheMomentItsFrameArrives() {
        User alice = stack.user("Alice");
        User bob = stack.user("Bob");
        String direct = stack.direct(alice, bob);
        String word = "probe" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("conversationId", direct).put("seq", 1_000_000).put("messageId", UUID.randomUUID().toString())
                .put("senderId", alice.id()).put("text", "written by the table alone " + word)
                .put("clientMessageId", UUID.randomUUID().toString())
                .put("createdAt", Times.format(stack.fixture().clock.instant()));
        var image = StreamImages.item(Json.MAPPER.valueToTree(StreamRecords.insert("-", message, "1"))
                .path("dynamodb").path("NewImage"));
        try (WsClient bobSocket = stack.connect(bob)) {
            stack.fixture().dynamo.putItem(b -> b.tableName(stack.fixture().tables.messages()).item(image));
            JsonNode frame = bobSocket.next("message.new");
            assertThat(frame.path("message").path("messageId").asText(), is(message.path("messageId").asText()));
            assertThat(hitIds(bob, word, ""), is(List.of(message.path("messageId").asText())));
        }
    }
}
