package io.wechat.chat.search;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.wechat.chat.storage.StreamImages;
import io.wechat.kit.storage.Items;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** A batch's index writes: each posting once, as applying the changes one after another would leave it. */
class SearchIndexWritesTest {
    private static Map<String, AttributeValue> image(String text, boolean recalled) {
        return Map.of("conversation_id", AttributeValue.fromS("c-1"), "seq", AttributeValue.fromN("4"),
                "message_id", AttributeValue.fromS("m-1"), "type", AttributeValue.fromS("text"),
                "created_at", AttributeValue.fromS("2026-12-01T10:00:00.000Z"), "text", AttributeValue.fromS(text),
                "recalled", AttributeValue.fromBool(recalled));
    }

    @Test
    void aMessageSentEditedAndRecalledInOneBatchLeavesOnlyDeletes() {
        var sent = image("lunch today", false);
        var edited = image("lunch tomorrow", false);
        var recalled = image("lunch tomorrow", true);
        var writes = SearchIndex.writes(List.of(new StreamImages.Change(null, sent), new StreamImages.Change(sent, edited),
                new StreamImages.Change(edited, recalled)));
        assertThat(writes.toString(), writes.stream().allMatch(w -> w.deleteRequest() != null), is(true));
        assertThat(writes.stream().map(w -> Items.str(w.deleteRequest().key(), "pk")).distinct().count(), is((long) writes.size()));
        var everyToken = new HashSet<>(Tokens.forIndex("lunch today"));
        everyToken.addAll(Tokens.forIndex("lunch tomorrow"));
        assertThat(writes.size(), is(everyToken.size()));
    }

    @Test
    void aSentMessageIsPostedUnderEachOfItsTokensOnce() {
        var sent = image("lunch today", false);
        var once = SearchIndex.writes(List.of(new StreamImages.Change(null, sent)));
        var twice = SearchIndex.writes(List.of(new StreamImages.Change(null, sent), new StreamImages.Change(null, sent)));
        assertThat(twice.size(), is(once.size()));
        assertThat(once.size(), is(Tokens.forIndex("lunch today").size()));
        assertThat(once.stream().allMatch(w -> w.putRequest() != null), is(true));
    }
}
