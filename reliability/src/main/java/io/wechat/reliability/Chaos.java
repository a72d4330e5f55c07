package io.wechat.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code make chaos}: faults against the running local stack under steady load ({@link Load}), each in a phase of
 * its own with new conversations, and per fault the figures: sent, acknowledged, lost and duplicated (in history,
 * as frames to the online recipient, as pushes to the offline one's device), client-visible errors, recovery
 * seconds. {@code --short}: one fault of each kind with a small load, for {@code make test}.
 */
final class Chaos {
    /** How long after the load stops frames and pushes may still arrive (a redelivery waits a visibility timeout). */
    private static final int SETTLE_EXTRA_SECONDS = 30;
    /**
     * How long the consumers' queues may take to drain after the load: a fault's backlog on a loaded machine (a
     * notification-service batch of 10 took 14 s at a load average of 28). What is still queued is late, not lost.
     */
    private static final int DRAIN_LIMIT_SECONDS = 600;
    /** The least time the poison phase's own load runs, as long as the other phases' load before their fault. */
    private static final long POISON_LOAD_MILLIS = 6_000;

    private final Stack stack;
    private final boolean quick;
    private final Api edge;
    private final Components components;
    private final String runId;
    private final List<Map<String, Object>> results = new ArrayList<>();
    private List<Users.Session[]> people;
    private Queues queues;
    private List<Queues.Consumed> consumed;
    private List<Socket[]> sockets;

    Chaos(Stack stack, boolean quick) {
        this.stack = stack;
        this.quick = quick;
        this.edge = new Api(stack.edgeUrl());
        this.components = new Components(stack);
        this.runId = "chaos" + Long.toString(System.currentTimeMillis(), 36);
    }

    interface Fault {
        void inject() throws Exception;
    }

    int run() throws Exception {
        Instant started = Instant.now();
        if (edge.get("/observe/health", null).status() != 200) {
            throw new IllegalStateException("the edge on " + stack.edgeUrl() + " does not answer: start the stack with `make up`");
        }
        int laneCount = quick ? 2 : 4;
        double rate = quick ? 1.0 : 2.0;
        setUp(laneCount);
        try (Queues queues = new Queues(stack); Pushes pushes = new Pushes(stack)) {
            this.queues = queues;
            List<Queues.Consumed> consumed = queues.consumed(stack);
            this.consumed = consumed;
            int settle = consumed.stream().mapToInt(Queues.Consumed::visibilitySeconds).max().orElse(30) + SETTLE_EXTRA_SECONDS;
            phase("kill -9 chat-service mid-sends", rate, settle, pushes, () -> {
                components.kill("chat-service");
                components.up();
            });
            phase("kill -9 notification-service mid-batch", rate, settle, pushes, () -> {
                components.kill("notification-service");
                components.up();
            });
            for (String component : quick ? List.of("redis") : List.of("redis", "postgres", "emulator")) {
                phase("restart " + component + " under load", rate, settle, pushes, () -> {
                    components.stop(component);
                    components.up();
                });
            }
            poisonPhase(queues, quick ? consumed.stream().filter(q -> q.service().equals("notification-service")).toList()
                    : consumed, rate, settle, pushes);
        } finally {
            sockets.forEach(pair -> {
                pair[0].close();
                pair[1].close();
            });
        }
        return report(started);
    }

    /** Lanes of users, reused by every phase: a sender and an online recipient with sockets, an offline one with a device. */
    private void setUp(int lanes) throws Exception {
        people = new ArrayList<>();
        sockets = new ArrayList<>();
        String ws = "ws://127.0.0.1:" + stack.edgePort;
        for (int i = 0; i < lanes; i++) {
            Users.Session sender = Users.session(edge, "chaos_s" + i, Fuzzer.PASSWORD);
            Users.Session online = Users.session(edge, "chaos_o" + i, Fuzzer.PASSWORD);
            Users.Session offline = Users.session(edge, "chaos_f" + i, Fuzzer.PASSWORD);
            edge.post("/devices", offline.token(), Map.of("platform", "fcm", "token", deviceToken(i)))
                    .expect("POST /devices", 200, 201);
            // Strangers to the sender: by default only contacts may add a user to a group.
            for (Users.Session recipient : List.of(online, offline)) {
                edge.send("PATCH", "/users/me", recipient.token(), Map.of("groupInvites", "everyone"))
                        .expect("PATCH /users/me", 200);
            }
            Socket senderSocket = new Socket(ws, edge, () -> Users.session(edge, sender.username(), Fuzzer.PASSWORD).token());
            Socket onlineSocket = new Socket(ws, edge, () -> Users.session(edge, online.username(), Fuzzer.PASSWORD).token());
            senderSocket.connect();
            onlineSocket.connect();
            people.add(new Users.Session[] {sender, online, offline});
            sockets.add(new Socket[] {senderSocket, onlineSocket});
        }
    }

    private static String deviceToken(int lane) {
        return "chaos-device-f" + lane;
    }

    private List<Load.Lane> lanes(String phase) {
        List<Load.Lane> lanes = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Users.Session[] p = refreshed(i);
            String conversationId = edge.post("/conversations", p[0].token(), Map.of("type", "group",
                            "memberIds", List.of(p[1].userId(), p[2].userId()), "title", title(phase)))
                    .expect("POST /conversations", 201).json().path("conversationId").asText();
            sockets.get(i)[1].follow(conversationId);
            lanes.add(new Load.Lane(i, conversationId, p[0], p[1], p[2], sockets.get(i)[0], sockets.get(i)[1], deviceToken(i)));
        }
        return lanes;
    }

    /** A group title naming the run and the phase, within the 100 characters a title may have. */
    private String title(String phase) {
        String title = runId + " " + phase;
        return title.length() <= 100 ? title : title.substring(0, 100);
    }

    /** Fresh access tokens for a phase (a full run outlives one): a login per user. */
    private Users.Session[] refreshed(int lane) {
        Users.Session[] p = people.get(lane);
        for (int j = 0; j < p.length; j++) {
            p[j] = Users.session(edge, p[j].username(), Fuzzer.PASSWORD);
        }
        return p;
    }

    private void phase(String name, double rate, int settle, Pushes pushes, Fault fault) throws Exception {
        System.out.printf("[chaos] %s%n", name);
        List<Load.Lane> lanes = lanes(name);
        Load load = new Load(edge, lanes, rate, runId + "-" + results.size());
        load.start();
        Load.sleep(quick ? 3_000 : 6_000);
        long faultAt = System.currentTimeMillis();
        String faultError = null;
        try {
            fault.inject();
        } catch (Exception e) {
            faultError = e.getMessage();
        }
        long restoredAt = System.currentTimeMillis();
        // Keep the load on until every lane had a send acknowledged after the fault, then a little longer.
        long deadline = restoredAt + 120_000;
        while (System.currentTimeMillis() < deadline && load.lastAck.values().stream().anyMatch(a -> a.get() < restoredAt)) {
            Load.sleep(250);
        }
        Load.sleep(quick ? 3_000 : 6_000);
        load.stop();
        Map<String, Object> figures = verify(name, load, lanes, pushes, settle);
        long lastError = load.failures.stream().mapToLong(Load.Failure::atMillis).max().orElse(faultAt);
        boolean recovered = load.lastAck.values().stream().allMatch(a -> a.get() >= restoredAt);
        figures.put("faultCommandSeconds", (restoredAt - faultAt) / 1000.0);
        figures.put("recovered", recovered);
        figures.put("recoverySeconds", recovered ? Math.max(0, lastError - faultAt) / 1000.0 : null);
        if (faultError != null) {
            figures.put("faultError", faultError);
        }
        results.add(figures);
        System.out.printf("[chaos]   %s%n", Json.compact(figures));
    }

    /** History, frames and pushes of every send of the phase, waiting up to {@code settle} s for late ones. */
    private Map<String, Object> verify(String name, Load load, List<Load.Lane> lanes, Pushes pushes, int settle) {
        List<Load.Sent> acked = load.acknowledged();
        double drainSeconds = awaitDrained();
        long until = System.currentTimeMillis() + settle * 1000L;
        Map<String, Map<String, Integer>> pushed;
        int missingFrames;
        int missingPushes;
        do {
            pushed = pushes.byDeviceToken();
            Map<String, Map<String, Integer>> current = pushed;
            missingFrames = (int) acked.stream().filter(s -> s.lane.onlineSocket().frames(s.messageId) == 0
                    && !s.lane.onlineSocket().caughtUp(s.messageId)).count();
            missingPushes = (int) acked.stream().filter(s -> pushCount(current, s) == 0).count();
            if (missingFrames + missingPushes == 0) {
                break;
            }
            Load.sleep(2_000);
        } while (System.currentTimeMillis() < until);

        Map<String, Integer> storedByClientId = new HashMap<>();
        for (Load.Lane lane : lanes) {
            history(lane).forEach(m -> storedByClientId.merge(m.path("clientMessageId").asText(), 1, Integer::sum));
        }
        Map<String, Map<String, Integer>> finalPushes = pushed;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("fault", name);
        figures.put("sent", load.sent.size());
        figures.put("acknowledged", acked.size());
        figures.put("acknowledgedAfterRetry", acked.stream().filter(s -> s.failedAttempts.get() > 0).count());
        figures.put("unacknowledged", load.sent.size() - acked.size());
        Map<String, Object> lost = new LinkedHashMap<>();
        lost.put("history", acked.stream().filter(s -> storedByClientId.getOrDefault(s.clientMessageId, 0) == 0).count());
        lost.put("frames", missingFrames);
        lost.put("pushes", missingPushes);
        Map<String, Object> duplicated = new LinkedHashMap<>();
        duplicated.put("history", load.sent.stream().filter(s -> storedByClientId.getOrDefault(s.clientMessageId, 0) > 1).count());
        duplicated.put("frames", acked.stream().filter(s -> s.lane.onlineSocket().frames(s.messageId) > 1).count());
        duplicated.put("pushes", acked.stream().filter(s -> pushCount(finalPushes, s) > 1).count());
        figures.put("lost", lost);
        // Not lost: missed live while the socket was down, and in the history its reconnect fetched (as the web app does).
        figures.put("framesFetchedAtReconnect", acked.stream().filter(s -> s.lane.onlineSocket().frames(s.messageId) == 0
                && s.lane.onlineSocket().caughtUp(s.messageId)).count());
        figures.put("duplicated", duplicated);
        figures.put("clientVisibleErrors", load.failures.size());
        figures.put("queuesDrainedAfterSeconds", drainSeconds);
        figures.put("errorSamples", load.failures.stream().map(Load.Failure::what).distinct().limit(5).toList());
        figures.put("storedButUnacknowledged", load.sent.stream()
                .filter(s -> s.messageId == null && storedByClientId.getOrDefault(s.clientMessageId, 0) > 0).count());
        return figures;
    }

    /**
     * Waits until every consumer's queue is empty, nothing waiting and nothing in flight, at most
     * {@link #DRAIN_LIMIT_SECONDS}; answers how long that took.
     */
    private double awaitDrained() {
        long started = System.currentTimeMillis();
        long deadline = started + DRAIN_LIMIT_SECONDS * 1000L;
        while (System.currentTimeMillis() < deadline
                && consumed.stream().anyMatch(q -> queues.pending(q.queueUrl()) > 0)) {
            Load.sleep(1_000);
        }
        return (System.currentTimeMillis() - started) / 1000.0;
    }

    private static int pushCount(Map<String, Map<String, Integer>> pushed, Load.Sent sent) {
        return pushed.getOrDefault(sent.lane.offlineDeviceToken(), Map.of()).getOrDefault(sent.messageId, 0);
    }

    /** Every message of a lane's conversation, all pages, as its sender sees them. */
    private List<JsonNode> history(Load.Lane lane) {
        List<JsonNode> messages = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = edge.get("/conversations/" + lane.conversationId() + "/messages?limit=100"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)),
                    lane.sender().token());
            if (page.status() != 200) {
                break;
            }
            page.json().path("items").forEach(messages::add);
            cursor = page.json().path("nextCursor").isTextual() ? page.json().get("nextCursor").asText() : null;
        } while (cursor != null);
        return messages;
    }

    /** Poison messages sent, by queue, and when. */
    private record Poison(Map<Queues.Consumed, String> bodies, long sentAt) {
    }

    /** A message no consumer can handle, on each queue: each must reach the queue's DLQ while the load goes on. */
    private Poison poison(Queues queues, List<Queues.Consumed> targets) {
        Map<Queues.Consumed, String> bodies = new LinkedHashMap<>();
        long sentAt = System.currentTimeMillis();
        for (Queues.Consumed queue : targets) {
            String body = "chaos poison " + runId + " " + queue.name() + ": not an event";
            queues.send(queue.queueUrl(), body);
            bodies.put(queue, body);
        }
        return new Poison(bodies, sentAt);
    }

    /**
     * The poison messages' phase: under a load of its own, a poison message on each of {@code targets}, watched every
     * second until it is in its DLQ (at most its receives' visibility timeouts and 30 s from when it was sent), so
     * that the seconds reported are the time it took; the load runs at least {@link #POISON_LOAD_MILLIS} and until
     * then, and its frames and pushes show that nothing else was held up.
     */
    private void poisonPhase(Queues queues, List<Queues.Consumed> targets, double rate, int settle, Pushes pushes)
            throws Exception {
        String name = "poison message on " + String.join(", ", targets.stream().map(Queues.Consumed::name).toList());
        System.out.printf("[chaos] %s%n", name);
        List<Load.Lane> lanes = lanes(name);
        Load load = new Load(edge, lanes, rate, runId + "-" + results.size());
        load.start();
        Poison poison = poison(queues, targets);
        long sentAt = poison.sentAt();
        long loadUntil = System.currentTimeMillis() + POISON_LOAD_MILLIS;
        Map<String, Object> dead = new LinkedHashMap<>();
        Map<Queues.Consumed, String> bodies = new LinkedHashMap<>(poison.bodies());
        int patience = targets.stream().mapToInt(q -> q.visibilitySeconds() * (q.maxReceiveCount() + 1)).max().orElse(60) + 30;
        long deadline = Math.max(sentAt + patience * 1000L, loadUntil);
        while ((!bodies.isEmpty() || System.currentTimeMillis() < loadUntil) && System.currentTimeMillis() < deadline) {
            for (var it = bodies.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                Queues.Consumed queue = entry.getKey();
                if (queue.deadLetterUrl() != null && queues.takeIfPresent(queue.deadLetterUrl(), entry.getValue())) {
                    dead.put(queue.name(), Map.of("deadLetterQueue", queue.deadLetterUrl().substring(queue.deadLetterUrl().lastIndexOf('/') + 1),
                            "seconds", (System.currentTimeMillis() - sentAt) / 1000.0,
                            "visibilityTimeoutSeconds", queue.visibilitySeconds(), "maxReceiveCount", queue.maxReceiveCount()));
                    it.remove();
                }
            }
            Load.sleep(1_000);
        }
        bodies.keySet().forEach(q -> dead.put(q.name(), Map.of("deadLetterQueue", String.valueOf(q.deadLetterUrl()),
                "seconds", "not there after " + patience + " s")));
        load.stop();
        Map<String, Object> figures = verify(name, load, lanes, pushes, settle);
        figures.put("poison", dead);
        figures.put("recovered", bodies.isEmpty());
        figures.put("recoverySeconds", 0);
        results.add(figures);
        System.out.printf("[chaos]   %s%n", Json.compact(figures));
    }

    private int report(Instant started) throws Exception {
        boolean clean = true;
        for (Map<String, Object> r : results) {
            clean &= sum(r.get("lost")) == 0 && sum(r.get("duplicated")) == 0 && Boolean.TRUE.equals(r.get("recovered"))
                    && !r.containsKey("faultError");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kind", quick ? "chaos-short" : "chaos");
        report.put("startedAt", started.toString());
        report.put("seconds", (System.currentTimeMillis() - started.toEpochMilli()) / 1000.0);
        report.put("commit", commit());
        report.put("lanes", people.size());
        report.put("passed", clean);
        report.put("faults", results);
        Path dir = stack.results();
        Files.createDirectories(dir);
        String file = (quick ? "chaos-short-" : "chaos-") + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Files.writeString(dir.resolve(file + ".json"), Json.MAPPER.writeValueAsString(report) + "\n");

        StringBuilder md = new StringBuilder();
        md.append("# Faults under load: ").append(started).append("\n\n`make chaos").append(quick ? " (short)" : "").append("` at ")
                .append(report.get("commit")).append(": ").append(people.size()).append(" lanes (a sender and an online recipient ")
                .append("with WebSockets, an offline recipient with a device) sending through the edge; a failed send is retried ")
                .append("with the same clientMessageId. Lost and duplicated are counted in history (by clientMessageId), as ")
                .append("`message.new` frames at the online recipient and as pushes to the offline recipient's device (by messageId); ")
                .append("a frame missed while the recipient's socket was down is not lost when the socket's reconnect ")
                .append("fetched the message from history, as the web app does (counted per fault below). ")
                .append("**").append(clean ? "No fault lost or duplicated anything." : "Some faults lost or duplicated messages, or did not recover: see below.")
                .append("**\n\n");
        md.append("| fault | sent | acknowledged | lost (history / frames / pushes) | duplicated (history / frames / pushes) | client-visible errors | recovery s |\n");
        md.append("|---|---:|---:|---|---|---:|---:|\n");
        for (Map<String, Object> r : results) {
            md.append("| ").append(r.get("fault")).append(" | ").append(r.get("sent")).append(" | ").append(r.get("acknowledged"))
                    .append(" | ").append(triple(r.get("lost"))).append(" | ").append(triple(r.get("duplicated")))
                    .append(" | ").append(r.get("clientVisibleErrors")).append(" | ")
                    .append(Boolean.TRUE.equals(r.get("recovered")) ? r.get("recoverySeconds") : "not recovered").append(" |\n");
        }
        md.append("\n");
        for (Map<String, Object> r : results) {
            md.append("- **").append(r.get("fault")).append("**: ");
            if (r.containsKey("poison")) {
                md.append("dead-letter: ").append(Json.compact(r.get("poison"))).append("; ");
            }
            if (r.containsKey("faultCommandSeconds")) {
                md.append("the fault and restart took ").append(r.get("faultCommandSeconds")).append(" s; ");
            }
            if (r.containsKey("faultError")) {
                md.append("the fault's command failed: ").append(r.get("faultError")).append("; ");
            }
            md.append("frames missed while the socket was down and fetched by its reconnect's catch-up (not lost): ")
                    .append(r.get("framesFetchedAtReconnect")).append("; ");
            md.append("acknowledged after a retry: ").append(r.get("acknowledgedAfterRetry"))
                    .append("; stored but never acknowledged: ").append(r.get("storedButUnacknowledged"))
                    .append("; errors seen: ").append(Json.compact(r.get("errorSamples"))).append("\n");
        }
        Files.writeString(dir.resolve(file + ".md"), md.toString());
        System.out.println("[chaos] report: " + dir.resolve(file + ".md"));
        return clean ? 0 : 1;
    }

    private static long sum(Object figures) {
        return ((Map<?, ?>) figures).values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
    }

    private static String triple(Object figures) {
        Map<?, ?> m = (Map<?, ?>) figures;
        return m.get("history") + " / " + m.get("frames") + " / " + m.get("pushes");
    }

    private String commit() {
        try {
            Process git = new ProcessBuilder("git", "-C", stack.root.toString(), "rev-parse", "--short", "HEAD").start();
            return new String(git.getInputStream().readAllBytes()).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
