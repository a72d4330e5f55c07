package io.wechat.chat.messages;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.LastMessage;
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

    public MessageStore(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.messages = tables.messages();
        this.conversations = tables.conversations();
    }

    /** A send's outcome: {@code created} is false when the (sender, clientMessageId) pair was sent before. */
    public record Sent(Message message, boolean created) {
    }

    /**
     * Sends {@code draft} (its seq is ignored) in one transaction: the idempotency item (condition: new),
     * the conversation's {@code last_seq} (condition: unchanged since read, which allocates the next seq),
     * the message, and the sender's read marker (condition: still a member). Contention on {@code last_seq}
     * is retried; a taken idempotency key answers the first message.
     */
    Sent send(Message draft, Instant now) {
        // No read of the idempotency item first: the transaction's condition on it answers "sent before" as
        // well (a repeat costs a cancelled transaction instead), and a first send, the common case, saves one
        // DynamoDB call (measured by `make bench`).
        for (int attempt = 0; attempt < MAX_SEND_ATTEMPTS; attempt++) {
            var meta = dynamo.getItem(b -> b.tableName(conversations).key(Keys.meta(draft.conversationId()))
                    .consistentRead(true)).item();
            if (meta == null || meta.isEmpty()) {
                throw Conversation.notFound();
            }
            long expected = Items.num(meta, "last_seq");
            Message message = draft.withSeq(expected + 1);
            try {
                dynamo.transactWriteItems(b -> b.transactItems(sendItems(message, expected, now)));
                return new Sent(message, true);
            } catch (TransactionCanceledException e) {
                if (Transactions.failedCondition(e, 0)) {
                    return new Sent(sameConversation(awaitSent(draft), draft), false);
                }
                if (Transactions.failedCondition(e, 3)) {
                    throw Conversation.notFound();
                }
                pause(attempt);
            }
        }
        throw ApiException.unavailable("busy", "The conversation is busy, retry");
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
        var request = QueryRequest.builder().tableName(messages).consistentRead(true).scanIndexForward(false)
                .limit(paging.limit());
        if (before == Long.MAX_VALUE) {
            request.keyConditionExpression("conversation_id = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId)));
        } else {
            request.keyConditionExpression("conversation_id = :c AND seq < :s")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(conversationId), ":s", Items.n(before)));
        }
        List<Message> page = dynamo.query(request.build()).items().stream().map(Message::fromItem).toList();
        // seq is gapless from 1, so the page that holds seq 1 is the last one.
        String next = page.size() == paging.limit() && page.getLast().seq() > 1
                ? cursor("b", page.getLast().seq()) : null;
        return new Page<>(page, next);
    }

    /** Oldest first, after {@code afterSeq} (or after the cursor's seq): reconnect sync. */
    Page<Message> since(String conversationId, long afterSeq, Paging paging) {
        long after = paging.cursor().map(c -> seqOf(c, "a")).orElse(afterSeq);
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
