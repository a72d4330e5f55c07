package io.wechat.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * AWS requests per message, counted by the emulator ({@code GET /_local/requests}: by caller, service and API, with
 * DynamoDB's request units) around {@value #SENDS} sends of one kind, one after another, each waited for: a direct
 * message (both online), a group message of 5 (all online), and a message to an offline recipient with a web device
 * (a push). The bench's own requests (its access key) are left out, and so is what the stack does when idle (the
 * edge's queue and stream pollers, measured for {@value #IDLE_SECONDS} s first, subtracted pro rata). {@code
 * @connections} posts are the frames the bench's sockets received. From the counts, the monthly AWS cost of one
 * million messages a day, with {@link #PRICES}.
 */
final class RequestCosts {
    static final int SENDS = 20;
    static final int IDLE_SECONDS = 10;
    static final long MESSAGES_PER_MONTH = 30L * 1_000_000;
    /** US East (N. Virginia) list prices in USD, on-demand, without free tiers; see bench/README.md for their date. */
    static final Map<String, Double> PRICES = prices();
    static final String PRICES_AS_OF = "2025-06 (AWS pricing pages, us-east-1; not re-checked since)";

    private final Bench bench;
    private final Api api;
    private final Options o;

    RequestCosts(Bench bench) {
        this.bench = bench;
        this.api = bench.api;
        this.o = bench.o;
    }

    private static Map<String, Double> prices() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("dynamodbWriteUnitPerMillion", 0.625);
        p.put("dynamodbReadUnitPerMillion", 0.125);
        p.put("snsPublishPerMillion", 0.50);
        p.put("sqsRequestPerMillion", 0.40);
        p.put("httpApiRequestPerMillion", 1.00);
        p.put("webSocketMessagePerMillion", 1.00);
        p.put("lambdaRequestPerMillion", 0.20);
        p.put("lambdaGbSecond", 0.0000166667);
        return p;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        Bench.Conv direct = bench.directs.get(0);
        Bench.Conv group = bench.groups.get(0);
        // The notification path's users: an offline recipient with a web device (registered again: idempotent).
        Bench.Session sender = Bench.login(api, o.prefix + "_nsend");
        Bench.Session offline = Bench.login(api, o.prefix + "_noff");
        api.post("/devices", offline.token(), Map.of("platform", "web", "token", o.prefix + "-web-device"));
        String offlineConversationId = api.post("/conversations", sender.token(),
                Map.of("type", "direct", "memberIds", List.of(offline.userId()))).body().path("conversationId").asText();
        bench.settle();
        Bench.log("requests per message: the stack idle for %d s (pollers), then %d sends of each kind", IDLE_SECONDS, SENDS);
        reset();
        long idleStart = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
        Map<String, Counted> idle = read();
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
        Map<String, Object> kinds = new LinkedHashMap<>();
        kinds.put("direct", kind("direct message, both online", idle, idleSeconds,
                () -> sendAndAwait(direct, direct.members().get(0))));
        kinds.put("group5", kind("group message of " + group.members().size() + ", all online", idle, idleSeconds,
                () -> sendAndAwait(group, group.members().get(0))));
        kinds.put("offlinePush", kind("direct message to an offline recipient with a web device", idle, idleSeconds,
                () -> sendOffline(sender, offline, offlineConversationId)));
        m.put("sendsPerKind", SENDS);
        m.put("idleRequestsPerSecond", perUnit(idle, idleSeconds));
        m.put("perMessage", kinds);
        m.put("prices", PRICES);
        m.put("pricesAsOf", PRICES_AS_OF);
        return m;
    }

    private interface Send {
        void one() throws Exception;
    }

    private Map<String, Object> kind(String what, Map<String, Counted> idle, double idleSeconds, Send send) throws Exception {
        bench.settle();
        reset();
        long frames = bench.tracker.allFrames.get();
        long t0 = System.nanoTime();
        for (int i = 0; i < SENDS; i++) {
            send.one();
        }
        bench.settle();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Counted> counted = read();
        long posts = bench.tracker.allFrames.get() - frames;
        Map<String, Counted> perMessage = new TreeMap<>();
        counted.forEach((api, c) -> {
            Counted background = idle.getOrDefault(api, Counted.ZERO).scaled(seconds / idleSeconds);
            Counted net = c.minus(background).scaled(1.0 / SENDS);
            if (net.requests() > 0.005) {
                perMessage.put(api, net);
            }
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        Map<String, Object> apis = new LinkedHashMap<>();
        perMessage.forEach((api, c) -> apis.put(api, c.toMap()));
        m.put("requests", apis);
        m.put("connectionsPosts", Stats.round((double) posts / SENDS));
        m.put("costPerMonthUsd", cost(perMessage, (double) posts / SENDS));
        Bench.log("  %s: %.1f AWS requests per message (%.1f DynamoDB write units, %.1f read units), %.1f @connections posts",
                what, perMessage.values().stream().mapToDouble(Counted::requests).sum(),
                perMessage.values().stream().mapToDouble(Counted::writeUnits).sum(),
                perMessage.values().stream().mapToDouble(Counted::readUnits).sum(), (double) posts / SENDS);
        return m;
    }

    /**
     * The monthly cost of {@link #MESSAGES_PER_MONTH} messages of this kind. In AWS each send is one HTTP API request
     * and one Lambda invocation of chat-service, its stream record one more, its message.sent one of
     * notification-service (batches of one at this rate): 3 invocations of 512 MB for 50 ms each, an assumption, not a
     * measurement. DynamoDB Streams reads by Lambda are free, and so are SNS deliveries to SQS.
     */
    static Map<String, Object> cost(Map<String, Counted> perMessage, double connectionsPosts) {
        double writeUnits = 0, readUnits = 0, publishes = 0, sqs = 0;
        for (var e : perMessage.entrySet()) {
            String service = e.getKey().split(" ")[0];
            switch (service) {
                case "dynamodb" -> {
                    writeUnits += e.getValue().writeUnits();
                    readUnits += e.getValue().readUnits();
                }
                case "sns" -> publishes += e.getKey().endsWith(" Publish") || e.getKey().endsWith(" PublishBatch")
                        ? e.getValue().requests() : 0;
                case "sqs" -> sqs += e.getValue().requests();
                default -> { }
            }
        }
        double n = MESSAGES_PER_MONTH / 1e6;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dynamodb", Stats.round(n * (writeUnits * PRICES.get("dynamodbWriteUnitPerMillion")
                + readUnits * PRICES.get("dynamodbReadUnitPerMillion"))));
        c.put("sns", Stats.round(n * publishes * PRICES.get("snsPublishPerMillion")));
        c.put("sqs", Stats.round(n * sqs * PRICES.get("sqsRequestPerMillion")));
        c.put("apiGatewayHttp", Stats.round(n * PRICES.get("httpApiRequestPerMillion")));
        c.put("apiGatewayWebSocket", Stats.round(n * connectionsPosts * PRICES.get("webSocketMessagePerMillion")));
        double invocations = 3;
        c.put("lambdaAssumed", Stats.round(n * invocations * (PRICES.get("lambdaRequestPerMillion")
                + 1e6 * 0.5 * 0.05 * PRICES.get("lambdaGbSecond"))));
        c.put("total", Stats.round(c.values().stream().mapToDouble(v -> (Double) v).sum()));
        return c;
    }

    private void sendAndAwait(Bench.Conv conv, Client sender) throws Exception {
        String cmid = UUID.randomUUID().toString();
        List<String> recipients = conv.members().stream().filter(c -> c != sender).map(c -> c.userId).toList();
        bench.tracker.expect(cmid, System.nanoTime(), recipients, new Stats());
        var r = api.post("/conversations/" + conv.id() + "/messages", sender.token,
                Map.of("clientMessageId", cmid, "type", "text", "text", "bench cost " + cmid));
        if (r.status() != 201) {
            bench.tracker.forget(cmid);
            throw new IllegalStateException("send: " + r.status() + " " + r.raw());
        }
        bench.tracker.awaitOutstanding(10_000);
    }

    private void sendOffline(Bench.Session sender, Bench.Session offline, String conversationId) throws Exception {
        var r = api.post("/conversations/" + conversationId + "/messages", sender.token(),
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "text", "text", "bench cost push"));
        if (r.status() != 201) {
            throw new IllegalStateException("send: " + r.status() + " " + r.raw());
        }
        bench.settle();
    }

    /** Requests, read and write units: per caller and API as counted, or per message after arithmetic. */
    record Counted(double requests, double readUnits, double writeUnits) {
        static final Counted ZERO = new Counted(0, 0, 0);

        Counted minus(Counted other) {
            return new Counted(Math.max(0, requests - other.requests), Math.max(0, readUnits - other.readUnits),
                    Math.max(0, writeUnits - other.writeUnits));
        }

        Counted scaled(double factor) {
            return new Counted(requests * factor, readUnits * factor, writeUnits * factor);
        }

        Map<String, Object> toMap() {
            return Map.of("requests", Stats.round(requests), "readUnits", Stats.round(readUnits),
                    "writeUnits", Stats.round(writeUnits));
        }
    }

    private static Map<String, Object> perUnit(Map<String, Counted> counted, double seconds) {
        Map<String, Object> m = new TreeMap<>();
        counted.forEach((api, c) -> m.put(api, Stats.round(c.requests() / seconds)));
        return m;
    }

    private void reset() throws Exception {
        var r = bench.api.http.send(HttpRequest.newBuilder(URI.create(o.aws + "/_local/requests"))
                .timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the emulator does not count requests (GET /_local/requests answered "
                    + r.statusCode() + "): restart it with `make down && make up`");
        }
    }

    /** The stack's requests since the last reset: every caller but the bench. */
    private Map<String, Counted> read() throws Exception {
        var r = bench.api.http.send(HttpRequest.newBuilder(URI.create(o.aws + "/_local/requests"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode callers = Api.JSON.readTree(r.body());
        Map<String, Counted> m = new TreeMap<>();
        callers.fields().forEachRemaining(caller -> {
            if (!Cloud.CALLER.equals(caller.getKey())) {
                caller.getValue().fields().forEachRemaining(api -> m.merge(api.getKey(), new Counted(
                        api.getValue().path("requests").asDouble(), api.getValue().path("readUnits").asDouble(),
                        api.getValue().path("writeUnits").asDouble()), (a, b) -> new Counted(a.requests + b.requests,
                        a.readUnits + b.readUnits, a.writeUnits + b.writeUnits)));
            }
        });
        return m;
    }
}
