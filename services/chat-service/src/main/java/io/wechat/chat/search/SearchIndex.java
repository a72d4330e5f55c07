package io.wechat.chat.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.wechat.chat.conversations.SystemMessage;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.storage.StreamImages;
import io.wechat.chat.storage.Tables;
import io.wechat.kit.storage.Batches;
import io.wechat.kit.storage.Items;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The inverted index in the search table: one posting per (token, message), {@code T#<token>} /
 * {@code <createdAt>#<messageId>} with {@code conversation_id} and {@code seq}, so a token's postings read newest
 * first. Kept from the messages table's stream ({@link #apply}): a new message adds its postings; an edit removes the
 * tokens it lost and puts the others; a recall or a removal removes them all. Puts and deletes of the same keys are
 * idempotent, and a shard's records come in order, so a record delivered again leaves the same index.
 */
public final class SearchIndex {
    private final DynamoDbClient dynamo;
    private final String table;
    private final String messages;

    public SearchIndex(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.table = tables.search();
        this.messages = tables.messages();
    }

    /** A posting as read: its sort key (the paging position), conversation and message key. */
    record Posting(String sortKey, String conversationId, long seq) {
    }

    /** Brings the index in step with a committed change of a message item ({@code null}: no such image). */
    public void apply(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        applyAll(List.of(new StreamImages.Change(oldImage, newImage)));
    }

    /** Brings the index in step with these committed changes, in their order, in as few batch writes as they allow. */
    public void applyAll(List<StreamImages.Change> changes) {
        Batches.write(dynamo, table, writes(changes));
    }

    /**
     * The postings' writes of these changes: the last one of each posting only (what applying them one after another
     * leaves), as a batch write takes each key at most once.
     */
    static List<WriteRequest> writes(List<StreamImages.Change> changes) {
        Map<Map<String, AttributeValue>, WriteRequest> last = new LinkedHashMap<>();
        for (StreamImages.Change change : changes) {
            for (WriteRequest write : writes(change.oldImage(), change.newImage())) {
                Map<String, AttributeValue> key = write.putRequest() != null
                        ? Keys.item(Items.str(write.putRequest().item(), "pk"), Items.str(write.putRequest().item(), "sk"))
                        : write.deleteRequest().key();
                last.remove(key);
                last.put(key, write);
            }
        }
        return List.copyOf(last.values());
    }

    private static List<WriteRequest> writes(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        Map<String, AttributeValue> any = newImage != null ? newImage : oldImage;
        if (any == null || Items.str(any, "message_id") == null) {
            return List.of();
        }
        Set<String> before = tokens(oldImage);
        Set<String> after = tokens(newImage);
        String sortKey = sortKey(Items.str(any, "created_at"), Items.str(any, "message_id"));
        List<WriteRequest> writes = new ArrayList<>();
        for (String token : before) {
            if (!after.contains(token)) {
                writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Keys.item(tokenPk(token), sortKey)).build()).build());
            }
        }
        for (String token : after) {
            Map<String, AttributeValue> posting = new HashMap<>(Keys.item(tokenPk(token), sortKey));
            posting.put("conversation_id", any.get("conversation_id"));
            posting.put("seq", any.get("seq"));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(posting).build()).build());
        }
        return writes;
    }

    /** The tokens an image is indexed by: none for a system message, a recalled or removed one, or one without text. */
    private static Set<String> tokens(Map<String, AttributeValue> image) {
        if (image == null || SystemMessage.TYPE.equals(Items.str(image, "type")) || Items.bool(image, "recalled")
                || Items.bool(image, "removed") || Items.str(image, "text") == null) {
            return Set.of();
        }
        return Tokens.forIndex(Items.str(image, "text"));
    }

    /** A page of a token's postings, newest first, after {@code afterSortKey} (exclusive) when given. */
    List<Posting> postings(String token, Optional<String> afterSortKey, int limit) {
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .scanIndexForward(false).limit(limit);
        if (afterSortKey.isPresent()) {
            request.keyConditionExpression("pk = :t AND sk < :after").expressionAttributeValues(Map.of(
                    ":t", AttributeValue.fromS(tokenPk(token)), ":after", AttributeValue.fromS(afterSortKey.get())));
        } else {
            request.keyConditionExpression("pk = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tokenPk(token))));
        }
        QueryResponse response = dynamo.query(request.build());
        return response.items().stream().map(item -> new Posting(Items.str(item, "sk"),
                Items.str(item, "conversation_id"), Items.num(item, "seq"))).toList();
    }

    /** Which of these postings' sort keys also have a posting of every one of {@code tokens}. */
    Set<String> havingAll(List<String> tokens, List<String> sortKeys) {
        Set<String> having = new HashSet<>(sortKeys);
        for (String token : tokens) {
            List<Map<String, AttributeValue>> keys = having.stream().map(sk -> Keys.item(tokenPk(token), sk)).toList();
            Set<String> found = new HashSet<>();
            Batches.get(dynamo, table, keys, false).forEach(item -> found.add(Items.str(item, "sk")));
            having.retainAll(found);
            if (having.isEmpty()) {
                break;
            }
        }
        return having;
    }

    /** The message items of these postings, by conversation id and seq. */
    Map<String, Map<String, AttributeValue>> messages(List<Posting> postings) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = postings.stream()
                .map(p -> Keys.message(p.conversationId(), p.seq())).toList();
        Batches.get(dynamo, messages, keys, true).forEach(item ->
                found.put(Items.str(item, "conversation_id") + "/" + Items.num(item, "seq"), item));
        return found;
    }

    static String tokenPk(String token) {
        return "T#" + token;
    }

    static String sortKey(String createdAt, String messageId) {
        return createdAt + "#" + messageId;
    }
}
