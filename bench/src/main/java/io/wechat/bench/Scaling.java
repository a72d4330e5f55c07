package io.wechat.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The scaling tables: all-recipients latency of {@code --scaling-sends} sends one after another (each waited for, so
 * a point measures one message's path, not a queue) for each group size of {@code --scaling-groups} (size 2 is a
 * direct conversation; every member online), and for each size of the messages table of {@code --scaling-history}
 * (a direct pair again; the table filled first with messages of a conversation nobody is in, {@code bench-history},
 * which later runs reuse: the cost of a send must not grow with the table).
 */
final class Scaling {
    static final String HISTORY_CONVERSATION = "bench-history";
    /**
     * BatchWriteItem calls in flight while seeding the history: the emulator serializes DynamoDB's actions, so more
     * writers only overlap the HTTP and JSON work around them.
     */
    private static final int SEED_WRITERS = 4;
    private final Bench bench;
    private final Options o;

    Scaling(Bench bench) {
        this.bench = bench;
        this.o = bench.o;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!o.scalingGroups.isEmpty()) {
            int largest = Collections.max(o.scalingGroups);
            List<Client> members = members(largest);
            Map<String, Object> bySize = new LinkedHashMap<>();
            for (int size : o.scalingGroups) {
                List<Client> group = members.subList(0, size);
                Bench.Conv conv = bench.conversation(group.get(0), size == 2 ? "direct" : "group", group.subList(1, size),
                        size == 2 ? null : "bench " + bench.runId + " scaling " + size);
                bySize.put(Integer.toString(size), point("group of " + size, conv));
            }
            m.put("groupSize", bySize);
        }
        if (!o.scalingHistory.isEmpty()) {
            Bench.Conv direct = bench.directs.get(0);
            Map<String, Object> bySize = new LinkedHashMap<>();
            for (int messages : o.scalingHistory) {
                long seeded = seedHistory(messages);
                Map<String, Object> p = point("table with " + messages + " more messages", direct);
                p.put("seededMessages", seeded);
                p.put("messagesTableItems", bench.tableSizes());
                bySize.put(Integer.toString(messages), p);
            }
            m.put("history", bySize);
        }
        return m;
    }

    private Map<String, Object> point(String what, Bench.Conv conv) throws Exception {
        bench.settle();
        Stats delivered = new Stats();
        Stats http = new Stats();
        int lost = 0;
        for (int i = -2; i < o.scalingSends; i++) {
            Client sender = conv.members().get(Math.floorMod(i, conv.members().size()));
            String cmid = UUID.randomUUID().toString();
            List<String> recipients = conv.members().stream().filter(c -> c != sender).map(c -> c.userId).toList();
            long start = System.nanoTime();
            // Two warm-up sends per point: the first send to a new group reads what no cache holds yet.
            Stats target = i < 0 ? new Stats() : delivered;
            bench.tracker.expect(cmid, start, recipients, target);
            var r = bench.api.post("/conversations/" + conv.id() + "/messages", sender.token,
                    Map.of("clientMessageId", cmid, "type", "text", "text", "bench scaling " + cmid));
            if (r.status() != 201) {
                bench.tracker.forget(cmid);
                throw new IllegalStateException("scaling send: " + r.status() + " " + r.raw());
            }
            if (i >= 0) {
                http.recordNanos(System.nanoTime() - start);
            }
            lost += i < 0 ? 0 : bench.tracker.awaitOutstanding(30_000);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("members", conv.members().size());
        p.put("httpSendMs", http.summary());
        p.put("deliveredToAllMs", delivered.summary());
        p.put("lost", lost);
        Bench.log("  scaling, %s: all recipients p50 %.1f p99 %.1f ms, HTTP p50 %.1f ms, lost %d", what,
                delivered.p(50), delivered.p(99), http.p(50), lost);
        return p;
    }

    /** The bench's users, and more of them (bench_u100 ...) up to {@code count}, each logged in with a socket. */
    private List<Client> members(int count) throws Exception {
        List<Client> all = new ArrayList<>(bench.clients);
        if (all.size() >= count) {
            return all.subList(0, count);
        }
        Bench.log("scaling: %d more users (%s_u%03d..), registered once, logged in, on a WebSocket", count - all.size(),
                o.prefix, all.size());
        Client[] extra = new Client[count - all.size()];
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Semaphore argon = new Semaphore(4);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < extra.length; i++) {
                int idx = i;
                ex.execute(() -> {
                    argon.acquireUninterruptibly();
                    try {
                        String name = String.format("%s_u%03d", o.prefix, bench.clients.size() + idx);
                        Bench.Session s = Bench.login(bench.api, name);
                        Client c = new Client(name, s.userId(), s.token(), bench.tracker::onFrame);
                        c.connect(bench.api, o.edge.replaceFirst("^http", "ws"));
                        extra[idx] = c;
                    } catch (Exception e) {
                        failures.add(e.toString());
                    } finally {
                        argon.release();
                    }
                });
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("scaling: " + failures.size() + " users failed, first: " + failures.get(0));
        }
        Collections.addAll(bench.clients, extra);
        Collections.addAll(all, extra);
        return all;
    }

    /**
     * Makes sure the history conversation holds at least {@code messages} more messages than the stack's own, written
     * 25 at a time by {@value #SEED_WRITERS} writers at once; then waits until the stack has worked off their stream
     * records (a probe message reaches its recipient). Answers how many it wrote now.
     */
    private long seedHistory(int messages) throws Exception {
        String table = bench.cloud.env("chat-service").getOrDefault("MESSAGES_TABLE", "wechat-local-messages");
        int present = bench.cloud.dynamo.query(b -> b.tableName(table).select(Select.COUNT)
                .keyConditionExpression("conversation_id = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(HISTORY_CONVERSATION)))).count();
        long t = System.nanoTime();
        String now = Instant.now().toString();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Semaphore writers = new Semaphore(SEED_WRITERS);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = present + 1; from <= messages && failures.isEmpty(); from += 25) {
                int first = from;
                int last = Math.min(messages, from + 24);
                writers.acquireUninterruptibly();
                ex.execute(() -> {
                    try {
                        writeHistory(table, first, last, now);
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    } finally {
                        writers.release();
                    }
                });
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("scaling: seeding the history failed: " + failures.get(0));
        }
        long written = Math.max(0, messages - present);
        Bench.log("scaling: history conversation holds %d messages (%d written in %.1f s); waiting for the stream",
                Math.max(messages, present), written, (System.nanoTime() - t) / 1e9);
        Bench.Conv probe = bench.directs.get(0);
        String cmid = UUID.randomUUID().toString();
        bench.tracker.expect(cmid, System.nanoTime(), List.of(probe.members().get(1).userId), new Stats());
        bench.api.post("/conversations/" + probe.id() + "/messages", probe.members().get(0).token,
                Map.of("clientMessageId", cmid, "type", "text", "text", "bench history probe"));
        if (bench.tracker.awaitOutstanding(30 * 60_000L) > 0) {
            throw new IllegalStateException("scaling: the stack did not work off the seeded stream records in 30 min");
        }
        return written;
    }

    /** Writes history messages {@code first..last} (at most 25) in one BatchWriteItem, again until none is left unprocessed. */
    private void writeHistory(String table, int first, int last, String now) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int seq = first; seq <= last; seq++) {
            String messageId = "bench-history-" + seq;
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("conversation_id", AttributeValue.fromS(HISTORY_CONVERSATION));
            item.put("seq", AttributeValue.fromN(Integer.toString(seq)));
            item.put("message_id", AttributeValue.fromS(messageId));
            item.put("sender_id", AttributeValue.fromS("bench-history-sender"));
            item.put("sent_at_message_id", AttributeValue.fromS(now + "#" + messageId));
            item.put("type", AttributeValue.fromS("text"));
            item.put("text", AttributeValue.fromS("history " + seq));
            item.put("client_message_id", AttributeValue.fromS(messageId));
            item.put("created_at", AttributeValue.fromS(now));
            item.put("recalled", AttributeValue.fromBool(false));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        Map<String, List<WriteRequest>> request = Map.of(table, batch);
        while (!request.isEmpty()) {
            Map<String, List<WriteRequest>> pending = request;
            var response = bench.cloud.dynamo.batchWriteItem(b -> b.requestItems(pending));
            request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }
}
