package io.wechat.chat.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wechat.kit.storage.Batches;
import io.wechat.kit.storage.Items;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.storage.Transactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The usage figures chat-service counts itself, in the moderation table: messages and active users (users who sent
 * at least one message) per UTC day, from the messages it commits; users in all and new users per UTC hour, from
 * user-service's {@code user.registered} events (and {@code user.deleted}: one user fewer). Each count moves once per fact, however often the fact is reported
 * (a stream record or an event delivered again): a marker item and the counter move in one transaction whose
 * condition is that the marker is new. Markers expire after {@link #MARKER_RETENTION}, longer than any redelivery
 * (SQS keeps a message 14 days, a stream record 24 hours).
 */
public final class UsageCounters {
    public static final int DAYS = 14;
    /** A transaction holds at most 100 items: the markers and their counter. */
    private static final int MAX_MARKERS_PER_TRANSACTION = 99;
    static final Duration MARKER_RETENTION = Duration.ofDays(15);
    private static final String COUNTS = "COUNTS";

    private final DynamoDbClient dynamo;
    private final String table;

    public UsageCounters(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A count of one UTC day. */
    public record DayCount(String day, long count) {
    }

    /** What {@link #read} answers. */
    public record Figures(long usersTotal, long usersNew24h, List<DayCount> dailyActiveUsers, List<DayCount> messagesPerDay) {
    }

    /**
     * Committed messages: one more message on its day for each, and its sender is active that day. Per day, the
     * messages not counted before are counted with their markers in one transaction (and their senders likewise), so
     * a day's count moves by the sum at once. When any of those markers is there already (a batch delivered again,
     * perhaps split differently), the transaction changes nothing and each fact is counted on its own, exactly once.
     * The senders are counted before their messages, so whoever reads a message counted also reads its sender active.
     */
    public void recordMessages(List<CountedMessage> messages) {
        for (var day : byDay(messages).entrySet()) {
            long expires = day.getValue().get(0).createdAt().plus(MARKER_RETENTION).getEpochSecond();
            List<String> senders = day.getValue().stream().map(m -> "ACTIVE#" + m.senderId()).distinct().toList();
            countAllOnce(day.getKey(), "active_users", senders, expires);
            List<String> markers = day.getValue().stream().map(m -> "MESSAGE#" + m.messageId()).distinct().toList();
            countAllOnce(day.getKey(), "messages", markers, expires);
        }
    }

    /** A message as counted: its id, its sender, when it was committed. */
    public record CountedMessage(String messageId, String senderId, Instant createdAt) {
    }

    /** The messages by their UTC day's counter key, in their order. */
    static Map<String, List<CountedMessage>> byDay(List<CountedMessage> messages) {
        Map<String, List<CountedMessage>> days = new LinkedHashMap<>();
        messages.forEach(m -> days.computeIfAbsent(dayPk(m.createdAt()), day -> new ArrayList<>()).add(m));
        return days;
    }

    /** Adds one to {@code counter} of {@code pk} for each marker not there yet, and puts those markers. */
    private void countAllOnce(String pk, String counter, List<String> markers, long expires) {
        for (int from = 0; from < markers.size(); from += MAX_MARKERS_PER_TRANSACTION) {
            List<String> chunk = markers.subList(from, Math.min(markers.size(), from + MAX_MARKERS_PER_TRANSACTION));
            List<TransactWriteItem> items = new ArrayList<>();
            chunk.forEach(sk -> items.add(marker(pk, sk, expires)));
            items.add(add(pk, counter, chunk.size()));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
            } catch (TransactionCanceledException e) {
                if (!Transactions.anyFailedCondition(e)) {
                    throw e;
                }
                chunk.forEach(sk -> countOnce(marker(pk, sk, expires), List.of(increment(pk, counter))));
            }
        }
    }

    /** A user registered at {@code at}: one more user, and one more new user in that hour. */
    public void recordRegistration(String userId, Instant at) {
        countOnce(marker("STATS#USER#" + userId, "REGISTERED", at.plus(MARKER_RETENTION).getEpochSecond()),
                List.of(increment("STATS#USERS", "total"), increment(hourPk(at), "new_users")));
    }

    /** A user deleted their account: one user fewer (the new users of its hour stay as they were). */
    public void recordDeletion(String userId, Instant at) {
        countOnce(marker("STATS#USER#" + userId, "DELETED", at.plus(MARKER_RETENTION).getEpochSecond()),
                List.of(add("STATS#USERS", "total", -1)));
    }

    /** The figures for the {@link #DAYS} UTC days up to {@code now}'s, oldest first, and the users. */
    public Figures read(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<String> days = new ArrayList<>();
        for (int back = DAYS - 1; back >= 0; back--) {
            days.add(today.minusDays(back).toString());
        }
        List<String> hours = new ArrayList<>();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        for (int back = 0; back < 24; back++) {
            hours.add(hourPk(hour.minus(Duration.ofHours(back))));
        }
        List<String> pks = new ArrayList<>();
        days.forEach(day -> pks.add("STATS#DAY#" + day));
        pks.addAll(hours);
        pks.add("STATS#USERS");
        Map<String, Map<String, AttributeValue>> counts = batchGet(pks);
        List<DayCount> active = new ArrayList<>();
        List<DayCount> messages = new ArrayList<>();
        for (String day : days) {
            var item = counts.getOrDefault("STATS#DAY#" + day, Map.of());
            active.add(new DayCount(day, Items.num(item, "active_users")));
            messages.add(new DayCount(day, Items.num(item, "messages")));
        }
        long new24h = hours.stream().mapToLong(pk -> Items.num(counts.getOrDefault(pk, Map.of()), "new_users")).sum();
        return new Figures(Items.num(counts.getOrDefault("STATS#USERS", Map.of()), "total"), new24h, active, messages);
    }

    private Map<String, Map<String, AttributeValue>> batchGet(List<String> pks) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = pks.stream().map(pk -> Keys.item(pk, COUNTS)).toList();
        Batches.get(dynamo, table, keys, false).forEach(item -> found.put(Items.str(item, "pk"), item));
        return found;
    }

    private void countOnce(TransactWriteItem marker, List<TransactWriteItem> counters) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(marker);
        items.addAll(counters);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            if (!Transactions.failedCondition(e, 0)) {
                throw e;
            }
            // Counted before: this fact was reported again.
        }
    }

    private TransactWriteItem marker(String pk, String sk, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.item(pk, sk));
        item.put("expires_at", Items.n(expiresAt));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private TransactWriteItem increment(String pk, String counter) {
        return add(pk, counter, 1);
    }

    private TransactWriteItem add(String pk, String counter, long amount) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.item(pk, COUNTS))
                .updateExpression("ADD #c :amount")
                .expressionAttributeNames(Map.of("#c", counter))
                .expressionAttributeValues(Map.of(":amount", Items.n(amount)))).build();
    }

    private static String dayPk(Instant at) {
        return "STATS#DAY#" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static String hourPk(Instant at) {
        return "STATS#HOUR#" + at.truncatedTo(ChronoUnit.HOURS).toString().substring(0, 13);
    }
}
