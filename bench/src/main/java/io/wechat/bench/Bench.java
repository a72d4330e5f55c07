package io.wechat.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** `make bench`: see bench/README.md for what each figure means. */
public final class Bench {
    static final String PASSWORD = "bench-password-not-secret";
    final Options o;
    final Api api;
    final Cloud cloud;
    final Tracker tracker = new Tracker();
    final List<Client> clients = new ArrayList<>();
    final List<Conv> directs = new ArrayList<>();
    final List<Conv> groups = new ArrayList<>();
    final String runId;
    String benchTable;
    String benchTopicArn;

    record Conv(String id, List<Client> members) {
    }

    Bench(Options o, String runId) {
        this.o = o;
        this.runId = runId;
        this.api = new Api(o.edge);
        this.cloud = new Cloud(o);
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Bench b = new Bench(o, stamp);
        b.requireStack();
        int code = b.run();
        System.exit(code);
    }

    static void log(String fmt, Object... args) {
        System.out.printf("[%s] %s%n", DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.now()), args.length == 0 ? fmt : String.format(fmt, args));
    }

    /** Fails with a clear message when `make up` has not started the stack. */
    void requireStack() {
        List<String> down = new ArrayList<>();
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("edge", o.edge + "/observe/health");
        checks.putAll(new java.util.TreeMap<>(o.serviceHealth));
        checks.put("emulator", o.aws + "/moto-api/");
        checks.forEach((name, url) -> {
            try {
                var r = api.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    down.add(name + " (" + url + " answered " + r.statusCode() + ")");
                }
            } catch (Exception e) {
                down.add(name + " (" + url + " not answering)");
            }
        });
        if (!java.nio.file.Files.isRegularFile(cloud.local.resolve("env/notification-service.env"))) {
            down.add(".local/env/notification-service.env is missing");
        }
        if (!down.isEmpty()) {
            System.err.println("bench: the stack is not up: " + String.join(", ", down));
            System.err.println("bench: start it with `make up` (from the repository root), then run `make bench` again.");
            System.exit(3);
        }
    }

    int run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> run = new LinkedHashMap<>();
        result.put("run", run);
        run.put("id", runId);
        run.put("startedAt", Instant.now().toString());
        run.put("cpus", Runtime.getRuntime().availableProcessors());
        run.put("loadAverageAtStart", Cloud.loadAverage());
        run.put("java", System.getProperty("java.version"));
        run.put("gitCommit", Services.git(o.root));
        run.put("emulatorItemsAtStart", tableSizes());
        run.put("options", Map.of("users", o.users, "rate", o.rate, "durationSeconds", o.duration,
                "floorDurationSeconds", o.floorDuration, "concurrency", o.concurrency, "backlog", o.backlog,
                "coldStarts", o.coldStarts, "notifySamples", o.notifySamples, "groupShare", o.groupShare,
                "groupSize", o.groupSize));
        long t0 = System.nanoTime();
        Services services = new Services(o, cloud);
        Thread cleanup = new Thread(this::deleteFloorResources); // Ctrl-C: leave nothing behind in the emulator
        Runtime.getRuntime().addShutdownHook(cleanup);
        int code = 0;
        try {
            if (o.services) {
                result.put("rssAtStart", services.rssOfRunning());
            }
            if (o.servicesOnly) {
                run.put("setupSeconds", 0.0);
            } else {
                load(run, result, services);
            }
        } finally {
            clients.forEach(Client::close);
            deleteFloorResources();
        }
        if (o.services) {
            result.put("services", services.measure());
        }
        run.put("loadAverageAtEnd", Cloud.loadAverage());
        run.put("elapsedSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        result.put("targets", Report.targets());
        Report report = new Report(result, o);
        var files = report.write(o.out, runId);
        System.out.println();
        System.out.println(report.markdown());
        files.forEach(f -> log("wrote %s", o.root.relativize(f.toAbsolutePath())));
        cloud.close();
        if (report.lostMessages() > 0) {
            log("LOST MESSAGES: %d (a recipient never got message.new)", report.lostMessages());
            code = 1;
        }
        return code;
    }

    /** The load: the message path against the floor, the notification path, request counts, scaling. */
    private void load(Map<String, Object> run, Map<String, Object> result, Services services) throws Exception {
        setup(run);
        createFloorResources();
        Map<String, Object> phases = new LinkedHashMap<>();
        result.put("messagePath", phases);
        warmUp();
        settle();
        double la1 = Cloud.loadAverage();
        Map<String, Object> fixedMsg = messagePhase("fixed", false);
        fixedMsg.put("notificationBacklogSeconds", settle());
        Map<String, Object> fixedFloor = floorPhase("fixed", false);
        phases.put("fixedRate", phase(fixedMsg, fixedFloor, la1));
        double la2 = Cloud.loadAverage();
        Map<String, Object> maxMsg = messagePhase("max", true);
        maxMsg.put("notificationBacklogSeconds", settle());
        Map<String, Object> maxFloor = floorPhase("max", true);
        phases.put("maxThroughput", phase(maxMsg, maxFloor, la2));
        Notifications n = new Notifications(o, api, cloud, runId);
        result.put("notificationPath", n.run());
        if (o.requestCounts) {
            result.put("requestsPerMessage", new RequestCosts(this).run());
        }
        if (!o.scalingGroups.isEmpty() || !o.scalingHistory.isEmpty()) {
            result.put("scaling", new Scaling(this).run());
        }
        if (o.services) {
            result.put("rssAfterLoad", services.rssOfRunning());
            result.put("liveHeapAfterLoad", services.liveHeapOfRunning());
        }
    }

    /**
     * Every send also puts a message.sent event on notification-service's queue, which it works off after the
     * send: waits until the queue is empty so that one phase's leftovers never load the next one. Answers the seconds.
     */
    Double settle() throws Exception {
        String queueUrl = cloud.queueUrlOf("notification-service");
        double s = Notifications.awaitEmpty(cloud, queueUrl, 90);
        log("  notification-service's queue empty after %.1f s more", s);
        return Stats.round(s);
    }

    /** Items in the stack's tables: moto's Query cost grows with them (see bench/README.md). */
    Map<String, Object> tableSizes() {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            var chat = cloud.env("chat-service");
            var notif = cloud.env("notification-service");
            for (String t : List.of(chat.getOrDefault("CONVERSATIONS_TABLE", "wechat-local-conversations"),
                    chat.getOrDefault("MESSAGES_TABLE", "wechat-local-messages"),
                    notif.getOrDefault("NOTIFICATIONS_TABLE", "wechat-local-notifications"))) {
                m.put(t, cloud.dynamo.describeTable(b -> b.tableName(t)).table().itemCount());
            }
        } catch (Exception e) {
            m.put("error", String.valueOf(e.getMessage()));
        }
        return m;
    }

    private static Map<String, Object> phase(Map<String, Object> msg, Map<String, Object> floor, double load) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loadAverage", load);
        m.put("message", msg);
        m.put("floor", floor);
        m.put("ratios", Report.ratios(msg, floor));
        return m;
    }

    // ---------------------------------------------------------------- setup

    void setup(Map<String, Object> run) throws Exception {
        long t = System.nanoTime();
        log("setup: %d users (%s_u000..), register once, log in, connect WebSockets", o.users, o.prefix);
        Client[] slots = new Client[o.users];
        AtomicLong registered = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Semaphore argon = new Semaphore(4);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < o.users; i++) {
                int idx = i;
                ex.execute(() -> {
                    argon.acquireUninterruptibly();
                    try {
                        String name = String.format("%s_u%03d", o.prefix, idx);
                        Session s = login(api, name);
                        if (s.registered) {
                            registered.incrementAndGet();
                        }
                        slots[idx] = new Client(name, s.userId, s.token, tracker::onFrame);
                    } catch (Exception e) {
                        failures.add(e.getMessage());
                    } finally {
                        argon.release();
                    }
                });
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("setup: " + failures.size() + " logins failed, first: " + failures.get(0));
        }
        Collections.addAll(clients, slots);
        log("setup: %d users ready (%d newly registered) in %.1f s", clients.size(), registered.get(), (System.nanoTime() - t) / 1e9);
        // direct pairs (a direct conversation per pair is returned again, never duplicated: reused across runs)
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Conv>> fs = new ArrayList<>();
            for (int i = 0; i + 1 < clients.size(); i += 2) {
                Client a = clients.get(i), b = clients.get(i + 1);
                fs.add(ex.submit(() -> conversation(a, "direct", List.of(b), null)));
            }
            int groupCount = Math.max(1, o.users / 10);
            for (int g = 0; g < groupCount; g++) {
                List<Client> members = new ArrayList<>();
                for (int j = 0; j < o.groupSize; j++) {
                    members.add(clients.get((g * 10 + j * 2 + (g % 2)) % clients.size()));
                }
                int gg = g;
                fs.add(ex.submit(() -> conversation(members.get(0), "group", members.subList(1, members.size()),
                        "bench " + runId + " g" + gg)));
            }
            for (var f : fs) {
                Conv c = f.get();
                (c.members.size() == 2 ? directs : groups).add(c);
            }
        }
        log("setup: %d direct conversations, %d groups of %d", directs.size(), groups.size(), o.groupSize);
        Semaphore conn = new Semaphore(16);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Client c : clients) {
                ex.execute(() -> {
                    conn.acquireUninterruptibly();
                    try {
                        c.connect(api, o.edge.replaceFirst("^http", "ws"));
                    } catch (Exception e) {
                        failures.add(c.username + ": " + e);
                    } finally {
                        conn.release();
                    }
                });
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("setup: " + failures.size() + " WebSockets failed, first: " + failures.get(0));
        }
        double secs = (System.nanoTime() - t) / 1e9;
        log("setup: %d WebSockets open; setup took %.1f s (not measured)", clients.size(), secs);
        run.put("setupSeconds", Math.round(secs * 10) / 10.0);
        run.put("usersRegisteredThisRun", registered.get());
        run.put("directConversations", directs.size());
        run.put("groups", groups.size());
    }

    record Session(String userId, String token, boolean registered) {
    }

    /**
     * Logs NAME in, registering it first when it does not exist yet (login 401), and reads its id. Logging in first
     * keeps later runs off the registrations quota, which counts every attempt from an address, 409s included.
     */
    static Session login(Api api, String name) throws Exception {
        var login = api.post("/auth/login", null, Map.of("username", name, "password", PASSWORD));
        boolean registered = false;
        if (login.status() == 401) {
            var reg = api.post("/auth/register", null, Map.of("username", name, "password", PASSWORD,
                    "displayName", "Bench " + name));
            if (reg.status() != 201 && reg.status() != 409) {
                throw new IllegalStateException("register " + name + ": " + reg.status() + " " + reg.raw());
            }
            registered = reg.status() == 201;
            login = api.post("/auth/login", null, Map.of("username", name, "password", PASSWORD));
        }
        if (login.status() != 200) {
            throw new IllegalStateException("login " + name + ": " + login.status() + " " + login.raw());
        }
        String token = login.body().path("accessToken").asText();
        Api.Response me = api.get("/users/me", token);
        if (me.status() != 200) {
            throw new IllegalStateException("users/me " + name + ": " + me.status() + " " + me.raw());
        }
        // Bench users are strangers to each other: let them be put in the bench's groups.
        var settings = api.patch("/users/me", token, Map.of("groupInvites", "everyone"));
        if (settings.status() != 200) {
            throw new IllegalStateException("PATCH users/me " + name + ": " + settings.status() + " " + settings.raw());
        }
        return new Session(me.body().path("userId").asText(), token, registered);
    }

    Conv conversation(Client creator, String type, List<Client> others, String title) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("memberIds", others.stream().map(c -> c.userId).toList());
        if (title != null) {
            body.put("title", title);
        }
        var r = api.post("/conversations", creator.token, body);
        if (r.status() != 200 && r.status() != 201) {
            throw new IllegalStateException("create " + type + " conversation: " + r.status() + " " + r.raw());
        }
        List<Client> members = new ArrayList<>();
        members.add(creator);
        members.addAll(others);
        return new Conv(r.body().path("conversationId").asText(), members);
    }

    // ---------------------------------------------------------------- message path

    private Conv pick() {
        var rnd = ThreadLocalRandom.current();
        List<Conv> from = !groups.isEmpty() && rnd.nextDouble() < o.groupShare ? groups : directs;
        return from.get(rnd.nextInt(from.size()));
    }

    private final Map<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();

    /** One send: HTTP time into {@code http}; the tracker records when every recipient had it. */
    private boolean sendOne(long start, Stats http, Stats delivered) {
        Conv c = pick();
        var rnd = ThreadLocalRandom.current();
        Client sender = c.members.get(rnd.nextInt(c.members.size()));
        List<String> recipients = c.members.stream().filter(m -> m != sender).map(m -> m.userId).toList();
        String cmid = UUID.randomUUID().toString();
        if (delivered != null) {
            tracker.expect(cmid, start, recipients, delivered);
        }
        try {
            var r = api.post("/conversations/" + c.id + "/messages", sender.token,
                    Map.of("clientMessageId", cmid, "type", "text", "text", "bench message " + cmid));
            long now = System.nanoTime();
            if (r.status() == 201) {
                if (http != null) {
                    http.recordNanos(now - start);
                }
                return true;
            }
            errorCodes.computeIfAbsent(r.status() + " " + r.body().path("error").path("code").asText(
                    r.body().path("message").asText("")), k -> new AtomicLong()).incrementAndGet();
        } catch (Exception e) {
            errorCodes.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
        }
        tracker.forget(cmid);
        return false;
    }

    void warmUp() throws Exception {
        log("warm-up: %d sends and %d floor operations, not recorded", 4 * o.concurrency, 2 * o.concurrency);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < o.concurrency; w++) {
                int ww = w;
                ex.execute(() -> {
                    for (int i = 0; i < 4; i++) {
                        sendOne(System.nanoTime(), null, new Stats());
                    }
                    for (int i = 0; i < 2; i++) {
                        floorOne(System.nanoTime(), clients.get(ww % clients.size()), new FloorStats());
                    }
                });
            }
        }
        tracker.awaitOutstanding(5000);
        errorCodes.clear();
    }

    /** Fixed rate (open loop, latency from the scheduled time) or as fast as possible (closed loop, C senders). */
    Map<String, Object> messagePhase(String name, boolean closedLoop) throws Exception {
        Stats http = new Stats();
        Stats delivered = new Stats();
        errorCodes.clear();
        AtomicLong ok = new AtomicLong(), attempted = new AtomicLong();
        long deliveredBefore = tracker.deliveredCount.get();
        log("message path, %s: %s for %d s", name, closedLoop ? o.concurrency + " concurrent senders" : o.rate + " msg/s", o.duration);
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(o.duration);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            if (closedLoop) {
                for (int w = 0; w < o.concurrency; w++) {
                    ex.execute(() -> {
                        while (System.nanoTime() < end) {
                            attempted.incrementAndGet();
                            if (sendOne(System.nanoTime(), http, delivered)) {
                                ok.incrementAndGet();
                            }
                        }
                    });
                }
            } else {
                long interval = (long) (1e9 / o.rate);
                for (long i = 0; ; i++) {
                    long at = t0 + i * interval;
                    if (at >= end) {
                        break;
                    }
                    sleepUntil(at);
                    attempted.incrementAndGet();
                    ex.execute(() -> {
                        if (sendOne(at, http, delivered)) {
                            ok.incrementAndGet();
                        }
                    });
                }
            }
        }
        long sendsDone = System.nanoTime();
        int lost = tracker.awaitOutstanding(TimeUnit.SECONDS.toMillis(o.lostTimeoutSeconds));
        long lastDelivery = Math.max(tracker.lastDeliveryNanos.get(), t0 + 1);
        double secs = (sendsDone - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", closedLoop ? "closed loop, " + o.concurrency + " concurrent senders" : "open loop, " + o.rate + " msg/s");
        m.put("seconds", Stats.round(secs));
        m.put("attempted", attempted.get());
        m.put("sent", ok.get());
        m.put("errors", attempted.get() - ok.get());
        Map<String, Long> codes = new LinkedHashMap<>();
        errorCodes.forEach((k, v) -> codes.put(k, v.get()));
        m.put("errorCodes", codes);
        m.put("lost", lost);
        m.put("throughputPerSecond", Stats.round(ok.get() / secs));
        long deliveredNow = tracker.deliveredCount.get() - deliveredBefore;
        m.put("deliveredToAll", deliveredNow);
        m.put("deliveredPerSecond", Stats.round(deliveredNow / ((lastDelivery - t0) / 1e9)));
        m.put("httpSendMs", http.summary());
        m.put("deliveredToAllMs", delivered.summary());
        log("  sent %d (%.1f/s), errors %d, lost %d; HTTP p50 %.1f p99 %.1f ms; all recipients p50 %.1f p99 %.1f ms",
                ok.get(), ok.get() / secs, attempted.get() - ok.get(), lost, http.p(50), http.p(99), delivered.p(50), delivered.p(99));
        return m;
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    // ---------------------------------------------------------------- floor

    static final class FloorStats {
        final Stats put = new Stats(), publish = new Stats(), wsRoundTrip = new Stats(), total = new Stats();
        final AtomicLong errors = new AtomicLong();
    }

    void createFloorResources() {
        benchTable = "bench-" + runId + "-floor";
        cloud.dynamo.createTable(b -> b.tableName(benchTable).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        benchTopicArn = cloud.sns.createTopic(b -> b.name("bench-" + runId + "-floor")).topicArn();
        log("floor: table %s and topic %s created in the emulator", benchTable, benchTopicArn);
    }

    synchronized void deleteFloorResources() {
        try {
            if (benchTable != null) {
                cloud.dynamo.deleteTable(b -> b.tableName(benchTable));
                benchTable = null;
            }
            if (benchTopicArn != null) {
                cloud.sns.deleteTopic(b -> b.topicArn(benchTopicArn));
                benchTopicArn = null;
            }
        } catch (RuntimeException e) {
            log("floor: cleanup failed: %s", e.getMessage());
        }
    }

    private static final String ENVELOPE_PADDING = "x".repeat(600);

    /** What one send cannot avoid: a conditional PutItem, an SNS Publish, and a WebSocket round trip through the edge. */
    boolean floorOne(long start, Client socket, FloorStats s) {
        try {
            long a = System.nanoTime();
            String id = UUID.randomUUID().toString();
            cloud.dynamo.putItem(b -> b.tableName(benchTable)
                    .item(Map.of("pk", AttributeValue.fromS(id), "body", AttributeValue.fromS(ENVELOPE_PADDING)))
                    .conditionExpression("attribute_not_exists(pk)"));
            long p = System.nanoTime();
            cloud.sns.publish(b -> b.topicArn(benchTopicArn).message("{\"eventId\":\"" + id + "\",\"pad\":\"" + ENVELOPE_PADDING + "\"}")
                    .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String").stringValue("message.sent").build())));
            long q = System.nanoTime();
            long pong = socket.ping().get(10, TimeUnit.SECONDS);
            s.put.recordNanos(p - a);
            s.publish.recordNanos(q - p);
            s.wsRoundTrip.recordNanos(pong - q);
            s.total.recordNanos(pong - start);
            return true;
        } catch (Exception e) {
            s.errors.incrementAndGet();
            return false;
        }
    }

    Map<String, Object> floorPhase(String name, boolean closedLoop) throws Exception {
        FloorStats s = new FloorStats();
        AtomicLong ok = new AtomicLong();
        log("floor, %s: %s for %d s", name, closedLoop ? o.concurrency + " concurrent" : o.rate + " op/s", o.floorDuration);
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(o.floorDuration);
        try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
            if (closedLoop) {
                for (int w = 0; w < o.concurrency; w++) {
                    Client socket = clients.get(w % clients.size());
                    ex.execute(() -> {
                        while (System.nanoTime() < end) {
                            if (floorOne(System.nanoTime(), socket, s)) {
                                ok.incrementAndGet();
                            }
                        }
                    });
                }
            } else {
                long interval = (long) (1e9 / o.rate);
                for (long i = 0; ; i++) {
                    long at = t0 + i * interval;
                    if (at >= end) {
                        break;
                    }
                    sleepUntil(at);
                    Client socket = clients.get((int) (i % clients.size()));
                    ex.execute(() -> {
                        if (floorOne(at, socket, s)) {
                            ok.incrementAndGet();
                        }
                    });
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", closedLoop ? "closed loop, " + o.concurrency + " concurrent" : "open loop, " + o.rate + " op/s");
        m.put("seconds", Stats.round(secs));
        m.put("operations", ok.get());
        m.put("errors", s.errors.get());
        m.put("throughputPerSecond", Stats.round(ok.get() / secs));
        m.put("totalMs", s.total.summary());
        m.put("dynamoPutMs", s.put.summary());
        m.put("snsPublishMs", s.publish.summary());
        m.put("wsRoundTripMs", s.wsRoundTrip.summary());
        log("  %d ops (%.1f/s); total p50 %.1f p99 %.1f ms (put p50 %.1f, publish p50 %.1f, ws p50 %.1f)",
                ok.get(), ok.get() / secs, s.total.p(50), s.total.p(99), s.put.p(50), s.publish.p(50), s.wsRoundTrip.p(50));
        return m;
    }

}
