package io.wechat.chat.conversations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

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
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Conversations and memberships in the conversations table. */
public final class ConversationStore {
    private static final int FAN_OUT_PARALLELISM = 16;
    private static final int MAX_COMMIT_ATTEMPTS = 25;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String messages;

    public ConversationStore(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.table = tables.conversations();
        this.messages = tables.messages();
    }

    public Optional<Conversation> find(String conversationId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.meta(conversationId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Conversation.fromItem(item));
    }

    public Optional<Member> member(String conversationId, String userId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.member(conversationId, userId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Member.fromItem(item));
    }

    public Optional<String> directConversation(String userA, String userB) {
        var item = dynamo.getItem(b -> b.tableName(table)
                .key(Keys.item(Keys.directPk(userA, userB), Keys.DIRECT_SK)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Items.str(item, "conversation_id"));
    }

    /** Creates a direct conversation; false when the pair already has one (the pair lock exists). */
    public boolean createDirect(Conversation conversation, Member first, Member second, Map<String, AttributeValue> creation) {
        Map<String, AttributeValue> lock = new HashMap<>(Keys.item(Keys.directPk(first.userId(), second.userId()), Keys.DIRECT_SK));
        lock.put("conversation_id", AttributeValue.fromS(conversation.conversationId()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    put(lock, "attribute_not_exists(pk)"),
                    put(conversation.toItem(), "attribute_not_exists(pk)"),
                    put(first.toItem(), null),
                    put(second.toItem(), null),
                    TransactWriteItem.builder().put(p -> p.tableName(messages).item(creation)
                            .conditionExpression("attribute_not_exists(conversation_id)")).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                return false;
            }
            throw busy();
        }
    }

    /**
     * Creates a group: memberships first, then the conversation item with its first system message in one
     * transaction. A group can have more members than one transaction holds; until the conversation item exists the
     * group is invisible (lists skip memberships without it, and every route needs it).
     */
    public void createGroup(Conversation conversation, List<Member> members, SystemMessage created) {
        Batches.put(dynamo, table, members.stream().map(Member::toItem).toList());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    put(conversation.toItem(), "attribute_not_exists(pk)"),
                    TransactWriteItem.builder().put(p -> p.tableName(messages).item(created.toItem(conversation.lastSeq()))
                            .conditionExpression("attribute_not_exists(conversation_id)")).build()));
        } catch (TransactionCanceledException e) {
            throw busy();
        }
    }

    /**
     * How a change moves the conversation item besides its {@code last_seq} and last message: {@code set},
     * {@code add}, {@code remove} are clauses of its update expression and {@code condition} is and-ed to its
     * condition; null when unused. {@code values} and {@code names} are the placeholders they use.
     */
    record MetaChange(String set, String add, String remove, String condition, Map<String, AttributeValue> values,
                      Map<String, String> names) {
        static final MetaChange NONE = new MetaChange(null, null, null, null, Map.of(), Map.of());
    }

    /**
     * A change to commit with its system message: {@code changes} are the transaction's other items, given the
     * message's seq; {@code failed} maps the index of a change (-1: the conversation item's own condition) whose
     * condition failed to the error to answer.
     */
    record Plan(SystemMessage message, MetaChange meta, LongFunction<List<TransactWriteItem>> changes,
                IntFunction<RuntimeException> failed) {
    }

    /** What was committed: the plan, and the seq its system message got. */
    record Committed(Plan plan, long seq) {
    }

    /**
     * Commits a change of a conversation and the system message that tells it in one transaction, which also moves
     * {@code last_seq} on the condition that it is unchanged since {@code plan} read the conversation: so every change
     * is decided on what was current when it committed (a concurrent change or message makes it read and decide
     * again).
     */
    Committed commit(String conversationId, Function<Conversation, Plan> planner) {
        for (int attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
            Conversation conversation = find(conversationId).orElseThrow(Conversation::notFound);
            Plan plan = planner.apply(conversation);
            long expected = conversation.lastSeq();
            long seq = expected + 1;
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(metaUpdate(conversationId, plan, expected, seq));
            items.add(TransactWriteItem.builder().put(p -> p.tableName(messages).item(plan.message().toItem(seq))
                    .conditionExpression("attribute_not_exists(conversation_id)")).build());
            items.addAll(plan.changes().apply(seq));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return new Committed(plan, seq);
            } catch (TransactionCanceledException e) {
                if (Transactions.failedCondition(e, 0)) {
                    long now = find(conversationId).orElseThrow(Conversation::notFound).lastSeq();
                    if (now == expected) {
                        throw plan.failed().apply(-1);
                    }
                } else {
                    for (int index = 2; index < items.size(); index++) {
                        if (Transactions.failedCondition(e, index)) {
                            throw plan.failed().apply(index - 2);
                        }
                    }
                }
                pause(attempt);
            }
        }
        throw busy();
    }

    private TransactWriteItem metaUpdate(String conversationId, Plan plan, long expected, long seq) {
        MetaChange meta = plan.meta();
        StringBuilder update = new StringBuilder("SET last_seq = :seq, last_activity_at = :at, last_message = :last");
        if (meta.set() != null) {
            update.append(", ").append(meta.set());
        }
        if (meta.add() != null) {
            update.append(" ADD ").append(meta.add());
        }
        if (meta.remove() != null) {
            update.append(" REMOVE ").append(meta.remove());
        }
        String condition = "last_seq = :expected" + (meta.condition() == null ? "" : " AND (" + meta.condition() + ")");
        Map<String, AttributeValue> values = new HashMap<>(meta.values());
        values.put(":seq", Items.n(seq));
        values.put(":expected", Items.n(expected));
        values.put(":at", AttributeValue.fromS(plan.message().createdAt()));
        values.put(":last", plan.message().last(seq).toAttribute());
        return TransactWriteItem.builder().update(u -> {
            u.tableName(table).key(Keys.meta(conversationId)).updateExpression(update.toString())
                    .conditionExpression(condition).expressionAttributeValues(values);
            if (!meta.names().isEmpty()) {
                u.expressionAttributeNames(meta.names());
            }
        }).build();
    }

    /** Puts a new membership, on the condition that it does not exist. */
    TransactWriteItem putMember(Member member) {
        return put(member.toItem(), "attribute_not_exists(pk)");
    }

    /** Deletes a membership, on the condition that it exists. */
    TransactWriteItem deleteMember(String conversationId, String userId) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table).key(Keys.member(conversationId, userId))
                .conditionExpression("attribute_exists(pk)")).build();
    }

    /** Sets a member's role, on the condition that they are still a member. */
    TransactWriteItem setRole(String conversationId, String userId, Role role) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.member(conversationId, userId))
                .updateExpression("SET #r = :r").conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#r", "role"))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(role.wire())))).build();
    }

    /** A page of a conversation's members, ordered by user id. */
    public Page<Member> members(String conversationId, Paging paging) {
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.conversationPk(conversationId)),
                        ":m", AttributeValue.fromS(Keys.MEMBER_PREFIX)))
                .consistentRead(true)
                .limit(paging.limit());
        paging.cursor().ifPresent(cursor -> {
            String userId = Cursor.decode(cursor, "members", "u").get("u");
            request.exclusiveStartKey(Keys.member(conversationId, userId));
        });
        QueryResponse response = dynamo.query(request.build());
        List<Member> members = response.items().stream().map(Member::fromItem).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !members.isEmpty()
                ? Cursor.encode("members", Map.of("u", members.getLast().userId())) : null;
        return new Page<>(members, next);
    }

    public List<Member> allMembers(String conversationId) {
        List<Member> all = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.conversationPk(conversationId)),
                                ":m", AttributeValue.fromS(Keys.MEMBER_PREFIX)))
                        .consistentRead(true))
                .items().forEach(item -> all.add(Member.fromItem(item)));
        return all;
    }

    /** Which of a user's memberships a list shows. */
    enum Shown {
        /** All of them. */
        ALL(null),
        /** Neither pinned (the list shows those first, from the user's pins) nor archived. */
        UNPINNED_UNARCHIVED("attribute_not_exists(pinned) AND attribute_not_exists(archived)"),
        /** Archived only. */
        ARCHIVED("attribute_exists(archived)");

        private final String filter;

        Shown(String filter) {
            this.filter = filter;
        }
    }

    /** A page of the user's memberships, most recent activity first (user-conversations-index). */
    public Page<Member> memberships(String userId, Paging paging) {
        return memberships(userId, paging, Shown.ALL);
    }

    /**
     * A page of the user's memberships that {@code shown} selects, most recent activity first. The filter applies
     * after the page's {@code Limit}: a page may hold fewer items than asked (even none) and still have a next cursor.
     */
    Page<Member> memberships(String userId, Paging paging, Shown shown) {
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .indexName(Keys.USER_CONVERSATIONS_INDEX)
                .keyConditionExpression("user_id = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                .scanIndexForward(false)
                .limit(paging.limit());
        if (shown.filter != null) {
            request.filterExpression(shown.filter);
        }
        paging.cursor().ifPresent(cursor -> {
            Map<String, String> fields = Cursor.decode(cursor, "conversations", "a", "c");
            if (!Keys.isValidId(fields.get("c"))) {
                throw ApiException.badRequest("invalid_cursor", "The cursor is malformed or belongs to another list");
            }
            Map<String, AttributeValue> start = new HashMap<>(Keys.member(fields.get("c"), userId));
            start.put("user_id", AttributeValue.fromS(userId));
            start.put("last_activity_key", AttributeValue.fromS(fields.get("a")));
            request.exclusiveStartKey(start);
        });
        QueryResponse response = dynamo.query(request.build());
        List<Member> members = response.items().stream().map(Member::fromItem).toList();
        String next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            // The last key the query read, which a filter may have left out of the page.
            Map<String, AttributeValue> last = response.lastEvaluatedKey();
            next = Cursor.encode("conversations", Map.of("a", Items.str(last, "last_activity_key"),
                    "c", Items.str(last, "pk").substring("CONV#".length())));
        }
        return new Page<>(members, next);
    }

    /**
     * Sets a member's own settings, and keeps the user's pins item ({@code USER#<userId>} / {@code PINS}, the set of
     * pinned conversation ids the list reads first) in step, in one transaction; at most {@code maxPins} pinned.
     * False when the caller is not a member.
     */
    boolean updateSettings(String conversationId, String userId, Member.Settings before, Member.Settings after,
                           int maxPins) {
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        setting("pinned", after.pinned(), set, remove);
        setting("archived", after.archived(), set, remove);
        setting("muted", after.muted(), set, remove);
        String update = (set.isEmpty() ? "" : "SET " + String.join(", ", set))
                + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(u -> {
            u.tableName(table).key(Keys.member(conversationId, userId)).updateExpression(update.strip())
                    .conditionExpression("attribute_exists(pk)");
            if (!set.isEmpty()) {
                u.expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)));
            }
        }).build());
        AttributeValue ids = AttributeValue.fromSs(List.of(conversationId));
        if (after.pinned() && !before.pinned()) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.pins(userId))
                    .updateExpression("ADD conversation_ids :c")
                    .conditionExpression("attribute_not_exists(conversation_ids) OR size(conversation_ids) < :max")
                    .expressionAttributeValues(Map.of(":c", ids, ":max", Items.n(maxPins)))).build());
        } else if (!after.pinned() && before.pinned()) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.pins(userId))
                    .updateExpression("DELETE conversation_ids :c")
                    .expressionAttributeValues(Map.of(":c", ids))).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.failedCondition(e, 0)) {
                return false;
            }
            if (Transactions.failedCondition(e, 1)) {
                throw ApiException.conflict("too_many_pinned", "At most " + maxPins + " conversations can be pinned");
            }
            throw busy();
        }
    }

    private static void setting(String attribute, boolean on, List<String> set, List<String> remove) {
        if (on) {
            set.add(attribute + " = :true");
        } else {
            remove.add(attribute);
        }
    }

    /** The ids of the conversations the user pinned (stale ones of conversations they left included). */
    List<String> pinnedIds(String userId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Keys.pins(userId)).consistentRead(true)).item();
        if (item == null || !item.containsKey("conversation_ids")) {
            return List.of();
        }
        return item.get("conversation_ids").ss();
    }

    /** The user's memberships of these conversations (those they left are left out). */
    List<Member> membershipsOf(String userId, Collection<String> conversationIds) {
        List<Map<String, AttributeValue>> keys = conversationIds.stream().map(id -> Keys.member(id, userId)).toList();
        return Batches.get(dynamo, table, keys, true).stream().map(Member::fromItem).toList();
    }

    /** The conversation items of these ids (missing ones are left out). */
    public Map<String, Conversation> findAll(Collection<String> conversationIds) {
        Map<String, Conversation> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = conversationIds.stream().map(Keys::meta).toList();
        Batches.get(dynamo, table, keys, true)
                .forEach(item -> found.put(Items.str(item, "conversation_id"), Conversation.fromItem(item)));
        return found;
    }

    /** Moves these members' conversation up in their lists; only ever forward, and never re-creates a left member. */
    public void touchActivity(String conversationId, Collection<String> userIds, String activityKey) {
        Semaphore permits = new Semaphore(FAN_OUT_PARALLELISM);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String userId : userIds) {
                executor.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        var moved = dynamo.updateItem(b -> b.tableName(table).key(Keys.member(conversationId, userId))
                                .updateExpression("SET last_activity_key = :k")
                                .conditionExpression("attribute_exists(pk) AND last_activity_key < :k")
                                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(activityKey)))
                                .returnValues(ReturnValue.ALL_NEW)).attributes();
                        if (moved.containsKey("archived") && !moved.containsKey("muted")) {
                            unarchive(conversationId, userId);
                        }
                    } catch (ConditionalCheckFailedException e) {
                        // Already further ahead, or no longer a member.
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            }
        }
    }

    /** A new message brings an archived conversation back to the list, unless the member muted it. */
    private void unarchive(String conversationId, String userId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Keys.member(conversationId, userId))
                    .updateExpression("REMOVE archived")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(muted)"));
        } catch (ConditionalCheckFailedException e) {
            // Muted or left meanwhile.
        }
    }

    /** Moves the member's read marker forward to {@code seq}; false when it already was there or beyond. */
    public boolean markRead(String conversationId, String userId, long seq, String messageId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Keys.member(conversationId, userId))
                    .updateExpression("SET last_read_seq = :s, last_read_message_id = :m")
                    .conditionExpression("attribute_exists(pk) AND last_read_seq < :s")
                    .expressionAttributeValues(Map.of(":s", Items.n(seq), ":m", AttributeValue.fromS(messageId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L + 10L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(condition)).build();
    }

    private static ApiException busy() {
        return ApiException.unavailable("busy", "The conversation is busy, retry");
    }
}
