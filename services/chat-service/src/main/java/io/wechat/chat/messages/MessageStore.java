package io.wechat.chat.messages;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.wechat.chat.cache.LastSeqCache;
import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.LastMessage;
import io.wechat.chat.reactions.ReactionType;
import io.wechat.kit.storage.Batches;
import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.storage.Tables;
import io.wechat.chat.storage.Transactions;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Cursor;
import io.wechat.kit.web.Paging.Page;
import io.wechat.kit.web.Paging;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Messages in the messages table, and the send transaction that orders them. */
public final class MessageStore {
    static final Duration IDEMPOTENCY_TTL = Duration.ofDays(30);
    private static final int MAX_SEND_ATTEMPTS = 25;
    private static final String CURSOR_KIND = "messages";
    private final DynamoDbClient dynamo;
    private final String messages;
    private final String conversations;
    private final LastSeqCache lastSeqs;

    public MessageStore(DynamoDbClient dynamo, Tables tables, LastSeqCache lastSeqs) {
        this.dynamo = dynamo;
        this.lastSeqs = lastSeqs;
        this.messages = tables.messages();
        this.conversations = tables.conversations();
    }

    /** A send's outcome: {@code created} is false when the (sender, clientMessageId) pair was sent before. */
    public record Sent(Message message, boolean created) {
    }

    /**
     * Sends {@code draft} (its seq is ignored) in one transaction: the idempotency item (condition: new),
     * the conversation's {@code last_seq} (condition: equal to the expected value, which allocates the next seq),
     * the message, and the sender's read marker (condition: still a member). The expected value is the cached guess
     * ({@link LastSeqCache}) when there is one, so that a send makes no read first; a failed {@code last_seq} condition
     * (a stale guess, or another send in between) reads the meta item and tries again, at once after a guess, after a
     * pause under contention. A taken idempotency key answers the first message.
     */
    Sent send(Message draft, Instant now) {
        // No read of the idempotency item first either: the transaction's condition on it answers "sent before" as
        // well (a repeat costs a cancelled transaction instead), and a first send, the common case, saves the call.
        String conversationId = draft.conversationId();
        OptionalLong guess = lastSeqs.get(conversationId);
        long expected = guess.isPresent() ? guess.getAsLong() : lastSeq(conversationId);
        for (int attempt = 0; attempt < MAX_SEND_ATTEMPTS; attempt++) {
            Message message = draft.withSeq(expected + 1);
            List<TransactWriteItem> items = sendItems(message, expected, now);
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                lastSeqs.put(conversationId, message.seq());
                return new Sent(message, true);
            } catch (TransactionCanceledException e) {
                if (Transactions.failedCondition(e, 0)) {
                    return new Sent(sameConversation(awaitSent(draft), draft), false);
                }
                if (Transactions.failedCondition(e, 3)) {
                    throw Conversation.notFound();
                }
                if (attempt > 0 || guess.isEmpty()) {
                    pause(attempt);
                }
                expected = lastSeq(conversationId);
            }
        }
        throw ApiException.unavailable("busy", "The conversation is busy, retry");
    }

    /** The conversation's {@code last_seq} (a consistent read of its meta item); 404 when there is none. */
    private long lastSeq(String conversationId) {
        var meta = dynamo.getItem(b -> b.tableName(conversations).key(Keys.meta(conversationId)).consistentRead(true)).item();
        if (meta == null || meta.isEmpty()) {
            throw Conversation.notFound();
        }
        return Items.num(meta, "last_seq");
    }

    private List<TransactWriteItem> sendItems(Message message, long expected, Instant now) {
        Map<String, AttributeValue> idempotency = new HashMap<>(
                Keys.item(Keys.sendPk(message.senderId()), Keys.sendSk(message.clientMessageId())));
        idempotency.put("conversation_id", AttributeValue.fromS(message.conversationId()));
        idempotency.put("seq", Items.n(message.seq()));
        idempotency.put("message_id", AttributeValue.fromS(message.messageId()));
        idempotency.put("expires_at", Items.n(now.plus(IDEMPOTENCY_TTL).getEpochSecond()));
        var last = new LastMessage(message.messageId(), message.seq(), message.senderId(), message.type(),
                message.preview(), message.createdAt(), false);
        return List.of(
                TransactWriteItem.builder().put(p -> p.tableName(conversations).item(idempotency)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(conversations).key(Keys.meta(message.conversationId()))
                        .updateExpression("SET last_seq = :seq, last_activity_at = :at, last_message = :last")
                        .conditionExpression("last_seq = :expected")
                        .expressionAttributeValues(Map.of(":seq", Items.n(message.seq()),
                                ":at", AttributeValue.fromS(message.createdAt()),
                                ":last", last.toAttribute(), ":expected", Items.n(expected)))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(messages).item(message.toItem())
                        .conditionExpression("attribute_not_exists(conversation_id)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(conversations)
                        .key(Keys.member(message.conversationId(), message.senderId()))
                        .updateExpression("SET last_read_seq = :seq, last_read_message_id = :id")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":seq", Items.n(message.seq()),
                                ":id", AttributeValue.fromS(message.messageId())))).build());
    }

    /** The message a sender sent earlier with this clientMessageId, if any. */
    Optional<Message> findSent(String senderId, String clientMessageId) {
        var item = dynamo.getItem(b -> b.tableName(conversations)
                .key(Keys.item(Keys.sendPk(senderId), Keys.sendSk(clientMessageId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return find(Items.str(item, "conversation_id"), Items.num(item, "seq"));
    }

    /**
     * The first message of a taken idempotency key. It is committed, but an emulator that applies a transaction
     * item by item (moto) may not show the message yet to a concurrent reader: look again a few times.
     */
    private Message awaitSent(Message draft) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Message> first = findSent(draft.senderId(), draft.clientMessageId());
            if (first.isPresent()) {
                return first.get();
            }
            pause(attempt);
        }
        throw ApiException.unavailable("busy", "The conversation is busy, retry");
    }

    private static Message sameConversation(Message first, Message draft) {
        if (!first.conversationId().equals(draft.conversationId())) {
            throw ApiException.conflict("client_message_id_reused",
                    "This clientMessageId was already used for a message in another conversation");
        }
        return first;
    }

    Optional<Message> find(String conversationId, long seq) {
        var item = dynamo.getItem(b -> b.tableName(messages).key(Keys.message(conversationId, seq)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Message.fromItem(item));
    }

    /** The message with this id in this conversation (message-id-index, then a consistent read). */
    public Optional<Message> findById(String conversationId, String messageId) {
        if (!Keys.isValidId(messageId)) {
            return Optional.empty();
        }
        var keys = dynamo.query(b -> b.tableName(messages).indexName(Keys.MESSAGE_ID_INDEX)
                .keyConditionExpression("message_id = :m")
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(messageId)))).items();
        return keys.stream()
                .filter(key -> conversationId.equals(Items.str(key, "conversation_id")))
                .findFirst()
                .flatMap(key -> find(conversationId, Items.num(key, "seq")));
    }

    /** Newest first, below the cursor's seq. */
    Page<Message> history(String conversationId, Paging paging) {
        long before = paging.cursor().map(c -> seqOf(c, "b")).orElse(Long.MAX_VALUE);
        if (before <= 1) {
            return new Page<>(List.of(), null);
        }
        var request = QueryRequest.builder().tableName(messages).consistentRead(true).scanIndexForward(false)
                .limit(paging.limit());
        // From seq 1: a direct conversation's seq 0 is its creation record, not a message.
        request.keyConditionExpression("conversation_id = :c AND seq BETWEEN :first AND :last")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId), ":first", Items.n(1),
                        ":last", Items.n(before - 1)));
        List<Message> page = dynamo.query(request.build()).items().stream().map(Message::fromItem).toList();
        // seq is gapless from 1, so the page that holds seq 1 is the last one.
        String next = page.size() == paging.limit() && page.getLast().seq() > 1
                ? cursor("b", page.getLast().seq()) : null;
        return new Page<>(page, next);
    }

    /** Oldest first, after {@code afterSeq} (or after the cursor's seq): reconnect sync. */
    Page<Message> since(String conversationId, long afterSeq, Paging paging) {
        long after = Math.max(0, paging.cursor().map(c -> seqOf(c, "a")).orElse(afterSeq));
        QueryResponse response = dynamo.query(b -> b.tableName(messages).consistentRead(true).scanIndexForward(true)
                .limit(paging.limit())
                .keyConditionExpression("conversation_id = :c AND seq > :s")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId), ":s", Items.n(after))));
        List<Message> page = response.items().stream().map(Message::fromItem).toList();
        String next = page.size() == paging.limit() && response.hasLastEvaluatedKey()
                && !response.lastEvaluatedKey().isEmpty() ? cursor("a", page.getLast().seq()) : null;
        return new Page<>(page, next);
    }

    /** The sender's messages, newest first (sender-timestamp-index). */
    Page<Message> bySender(String senderId, Paging paging) {
        var request = QueryRequest.builder().tableName(messages).indexName(Keys.SENDER_TIMESTAMP_INDEX)
                .keyConditionExpression("sender_id = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(senderId)))
                .scanIndexForward(false).limit(paging.limit());
        paging.cursor().ifPresent(cursor -> {
            Map<String, String> fields = Cursor.decode(cursor, "sent", "t", "c", "s");
            long seq;
            try {
                seq = Long.parseLong(fields.get("s"));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid_cursor", "The cursor is malformed or belongs to another list");
            }
            Map<String, AttributeValue> start = new HashMap<>(Keys.message(fields.get("c"), seq));
            start.put("sender_id", AttributeValue.fromS(senderId));
            start.put("sent_at_message_id", AttributeValue.fromS(fields.get("t")));
            request.exclusiveStartKey(start);
        });
        QueryResponse response = dynamo.query(request.build());
        List<Message> page = response.items().stream().map(Message::fromItem).toList();
        String next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !page.isEmpty()) {
            Message last = page.getLast();
            next = Cursor.encode("sent", Map.of("t", Keys.sentAtMessageId(last.createdAt(), last.messageId()),
                    "c", last.conversationId(), "s", Long.toString(last.seq())));
        }
        return new Page<>(page, next);
    }

    /** Replaces the text of the sender's own, unrecalled message; empty when the conditions no longer hold. */
    Optional<Message> edit(Message message, String text, String editedAt) {
        try {
            var updated = dynamo.updateItem(b -> b.tableName(messages).key(Keys.message(message.conversationId(), message.seq()))
                    .updateExpression("SET #text = :t, edited_at = :at")
                    .conditionExpression("sender_id = :me AND recalled = :false AND attribute_not_exists(removed)")
                    .expressionAttributeNames(Map.of("#text", "text"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(text), ":at", AttributeValue.fromS(editedAt),
                            ":me", AttributeValue.fromS(message.senderId()), ":false", AttributeValue.fromBool(false)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            Message edited = Message.fromItem(updated);
            updateLastMessage(edited);
            return Optional.of(edited);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Turns the message into a tombstone if it was created at or after {@code notBefore}; empty otherwise. */
    Optional<Message> recall(Message message, String notBefore) {
        try {
            var updated = dynamo.updateItem(b -> b.tableName(messages).key(Keys.message(message.conversationId(), message.seq()))
                    .updateExpression("SET recalled = :true REMOVE #text, media_id")
                    .conditionExpression("sender_id = :me AND created_at >= :notBefore")
                    .expressionAttributeNames(Map.of("#text", "text"))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true),
                            ":me", AttributeValue.fromS(message.senderId()), ":notBefore", AttributeValue.fromS(notBefore)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            Message recalled = Message.fromItem(updated);
            updateLastMessage(recalled);
            return Optional.of(recalled);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * Turns the message into a tombstone removed by a moderator, at any age: no text, no media; who removed it and
     * why stay on the item for the stream's {@code message.removed}. Idempotent: a removed message is answered as it is.
     */
    public Message remove(Message message, String removedBy, String reason) {
        if (message.removed()) {
            return message;
        }
        try {
            var updated = dynamo.updateItem(b -> b.tableName(messages).key(Keys.message(message.conversationId(), message.seq()))
                    .updateExpression("SET removed = :true, removed_by = :by, removed_reason = :reason REMOVE #text, media_id")
                    .conditionExpression("attribute_exists(message_id) AND (attribute_not_exists(removed) OR removed = :false)")
                    .expressionAttributeNames(Map.of("#text", "text"))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":false", AttributeValue.fromBool(false),
                            ":by", AttributeValue.fromS(removedBy), ":reason", AttributeValue.fromS(reason)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            Message removed = Message.fromItem(updated);
            updateLastMessage(removed);
            return removed;
        } catch (ConditionalCheckFailedException e) {
            // Removed by another moderator meanwhile: the tombstone as it is now.
            return find(message.conversationId(), message.seq()).orElseThrow();
        }
    }

    /**
     * Hides the message from {@code userId}'s own history and unread count: its seq and id join the member's
     * {@code hidden_seqs} / {@code hidden_message_ids} sets (an idempotent set add). False when not a member.
     */
    boolean hide(Message message, String userId) {
        try {
            dynamo.updateItem(b -> b.tableName(conversations).key(Keys.member(message.conversationId(), userId))
                    .updateExpression("ADD hidden_seqs :seq, hidden_message_ids :id")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromNs(List.of(Long.toString(message.seq()))),
                            ":id", AttributeValue.fromSs(List.of(message.messageId())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The ids of the messages {@code userId} deleted for themselves in this conversation (empty for a non-member). */
    public Set<String> hiddenMessageIds(String conversationId, String userId) {
        var item = dynamo.getItem(b -> b.tableName(conversations).key(Keys.member(conversationId, userId))
                .projectionExpression("hidden_message_ids").consistentRead(true)).item();
        AttributeValue ids = item == null ? null : item.get("hidden_message_ids");
        return ids == null || !ids.hasSs() ? Set.of() : Set.copyOf(ids.ss());
    }

    /**
     * Raises each mentioned member's {@code mentioned_seq} to the message's seq, or with {@code mentionAll} the
     * conversation's {@code mention_all_seq} (one write for any group size; the sender's own read marker is at the
     * message already), only forward and never re-creating a member who left, so that their conversation list shows
     * {@code mentioned} until they read past it. Idempotent; throws when a write failed, so that the messages stream,
     * which writes the marks of every committed message, has its record delivered again.
     */
    public void markMentioned(Message message) {
        markMentioned(List.of(message));
    }

    /** The same for several committed messages: each mark written once, with the greatest seq that raises it. */
    public void markMentioned(List<Message> messages) {
        String forward = "attribute_exists(pk) AND (attribute_not_exists(#m) OR #m < :seq)";
        List<Future<?>> writes = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            mentionMarks(messages).forEach((mark, seq) -> writes.add(executor.submit(() -> raise(mark.key(), mark.attribute(),
                    forward, Map.of(":seq", Items.n(seq))))));
        }
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A mention mark: a member's {@code mentioned_seq}, or a conversation's {@code mention_all_seq} ({@code userId} null). */
    record MentionMark(String conversationId, String userId) {
        Map<String, AttributeValue> key() {
            return userId == null ? Keys.meta(conversationId) : Keys.member(conversationId, userId);
        }

        String attribute() {
            return userId == null ? "mention_all_seq" : "mentioned_seq";
        }
    }

    /** The marks these messages raise, each to the greatest seq of those messages that mention it (marks only rise). */
    static Map<MentionMark, Long> mentionMarks(List<Message> messages) {
        Map<MentionMark, Long> marks = new LinkedHashMap<>();
        for (Message message : messages) {
            if (message.mentionAll()) {
                marks.merge(new MentionMark(message.conversationId(), null), message.seq(), Math::max);
            }
            for (String userId : message.mentions()) {
                marks.merge(new MentionMark(message.conversationId(), userId), message.seq(), Math::max);
            }
        }
        return marks;
    }

    private void raise(Map<String, AttributeValue> key, String attribute, String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(conversations).key(key).updateExpression("SET #m = :seq")
                    .conditionExpression(condition).expressionAttributeNames(Map.of("#m", attribute))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // Mentioned by a newer message already, or no longer a member.
        }
    }

    /**
     * The page's reply quotes as their originals are now: a quote of a message recalled or removed since the reply
     * shows as such, without its preview (one BatchGetItem of the quoted keys).
     */
    List<Message> withCurrentQuotes(List<Message> page) {
        List<Map<String, AttributeValue>> keys = page.stream().filter(m -> m.replyTo() != null)
                .map(m -> Keys.message(m.conversationId(), m.replyTo().seq())).distinct().toList();
        if (keys.isEmpty()) {
            return page;
        }
        Map<Long, Map<String, AttributeValue>> originals = new HashMap<>();
        Batches.get(dynamo, messages, keys, read -> read.consistentRead(true).projectionExpression("seq, recalled, removed"))
                .forEach(item -> originals.put(Items.num(item, "seq"), item));
        return page.stream().map(m -> {
            if (m.replyTo() == null) {
                return m;
            }
            var original = originals.getOrDefault(m.replyTo().seq(), Map.of());
            return m.withReplyTo(m.replyTo().gone(Items.bool(original, "recalled"), Items.bool(original, "removed")));
        }).toList();
    }

    /** What a reaction call changed: the message as it is now, and whether this call changed it. */
    public record Reacted(Message message, boolean changed) {
    }

    /**
     * Adds ({@code add}) or takes back {@code userId}'s {@code reaction}: a string-set ADD / DELETE on the message item,
     * on the condition that it is a change and the message is neither recalled nor removed. Concurrent calls cannot
     * count anyone twice: a set holds each user once, and the condition makes exactly one of them the change.
     * 409 for a recalled or removed message.
     */
    public Reacted react(Message message, ReactionType reaction, String userId, boolean add) {
        var values = Map.of(":user", AttributeValue.fromSs(List.of(userId)), ":userId", AttributeValue.fromS(userId),
                ":false", AttributeValue.fromBool(false));
        try {
            var updated = dynamo.updateItem(b -> b.tableName(messages).key(Keys.message(message.conversationId(), message.seq()))
                    .updateExpression((add ? "ADD" : "DELETE") + " #r :user")
                    .conditionExpression("attribute_exists(message_id) AND recalled = :false AND attribute_not_exists(removed) AND "
                            + (add ? "NOT " : "") + "contains(#r, :userId)")
                    .expressionAttributeNames(Map.of("#r", reaction.attribute()))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new Reacted(Message.fromItem(updated), true);
        } catch (ConditionalCheckFailedException e) {
            Message now = find(message.conversationId(), message.seq()).orElseThrow();
            if (now.recalled() || now.removed()) {
                throw ApiException.conflict("message_recalled", "A recalled or removed message takes no reactions");
            }
            return new Reacted(now, false);
        }
    }

    /** Keeps the list view's last message in step when that message changes. */
    private void updateLastMessage(Message message) {
        var last = new LastMessage(message.messageId(), message.seq(), message.senderId(), message.type(),
                message.preview(), message.createdAt(), message.recalled());
        try {
            dynamo.updateItem(b -> b.tableName(conversations).key(Keys.meta(message.conversationId()))
                    .updateExpression("SET last_message = :last")
                    .conditionExpression("last_message.seq = :seq")
                    .expressionAttributeValues(Map.of(":last", last.toAttribute(), ":seq", Items.n(message.seq()))));
        } catch (ConditionalCheckFailedException e) {
            // A newer message is the last one now.
        }
    }

    private static String cursor(String direction, long seq) {
        return Cursor.encode(CURSOR_KIND, Map.of("d", direction, "s", Long.toString(seq)));
    }

    private static long seqOf(String cursor, String direction) {
        Map<String, String> fields = Cursor.decode(cursor, CURSOR_KIND, "d", "s");
        if (!direction.equals(fields.get("d"))) {
            throw ApiException.badRequest("invalid_cursor", "The cursor belongs to the other direction");
        }
        return Cursor.decodeNumber(cursor, CURSOR_KIND, "s");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L + 10L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("busy", "The conversation is busy, retry");
        }
    }
}
