package io.wechat.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code make fuzz}: every operation of every service's OpenAPI file, through the edge and on the service's own
 * port, with malformed requests ({@link Cases}); every answer must be a 4xx in the documented error format (or,
 * for odd but valid input, a success), never a 5xx, and every service must still be healthy afterwards.
 */
final class Fuzzer {
    static final String PASSWORD = "correct horse battery staple";
    /**
     * What the edge answers itself, as API Gateway does, {"message": ...}: no token (401), a token without the route's
     * scope (403, the /admin routes), no route (404), too large (413), throttled (429), and a request its server
     * refuses before routing (400 bad escape, 414, 431).
     */
    private static final Set<Integer> EDGE_OWN_STATUSES = Set.of(400, 401, 403, 404, 413, 414, 429, 431);

    private final Stack stack;
    private final long seed;
    private final int threads;

    Fuzzer(Stack stack, long seed, int threads) {
        this.stack = stack;
        this.seed = seed;
        this.threads = threads;
    }

    record Outcome(Probe probe, RawHttp.Answer answer, String failure) {
    }

    int run() throws Exception {
        Instant started = Instant.now();
        Api edge = new Api(stack.edgeUrl());
        requireUp(edge);
        Map<String, String> ids = new LinkedHashMap<>();
        String token = fixtures(edge, ids);
        Cases cases = new Cases(ids, token, Tokens.refused(token, stack.signingKeys()), seed);

        List<Probe> probes = new ArrayList<>();
        for (String service : Stack.SERVICES) {
            for (OpenApi.Operation op : OpenApi.read(stack.root, service)) {
                if (op.path().startsWith("/observe")) {
                    continue;
                }
                probes.addAll(cases.of(op, "edge"));
                probes.addAll(cases.of(op, service));
            }
        }
        System.out.printf("[fuzz] seed %d: %d requests, %d threads%n", seed, probes.size(), threads);

        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Probe probe : probes) {
                futures.add(pool.submit(() -> check(probe, send(probe))));
            }
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        }

        Map<String, String> health = new LinkedHashMap<>();
        health.put("edge", healthOf(stack.edgePort));
        stack.servicePorts.forEach((service, port) -> health.put(service, healthOf(port)));
        long failures = outcomes.stream().filter(o -> o.failure() != null).count();
        boolean healthy = health.values().stream().allMatch("200"::equals);
        write(started, ids, outcomes, health);
        System.out.printf("[fuzz] %d requests, %d failures, 5xx: %d, services healthy afterwards: %s%n", outcomes.size(), failures,
                outcomes.stream().filter(o -> o.answer().status() >= 500).count(), healthy ? "yes" : "NO " + health);
        return failures == 0 && healthy ? 0 : 1;
    }

    private RawHttp.Answer send(Probe probe) {
        int port = probe.target().equals("edge") ? stack.edgePort : stack.servicePorts.get(probe.target());
        return RawHttp.send(port, probe.method(), probe.path(), probe.headers(), probe.body());
    }

    /** Null when the answer is right for the probe, else why not. */
    static Outcome check(Probe probe, RawHttp.Answer answer) {
        int status = answer.status();
        String failure = null;
        if (status == 0) {
            failure = "no answer: " + answer.failure();
        } else if (status >= 500) {
            failure = "server error " + status;
        } else if (status < 400 && probe.mustReject()) {
            failure = "accepted an invalid request with " + status;
        } else if (status >= 400) {
            JsonNode body = Json.parse(answer.body());
            boolean serviceFormat = body.path("error").path("code").isTextual() && body.path("error").path("message").isTextual();
            boolean edgeFormat = probe.target().equals("edge") && EDGE_OWN_STATUSES.contains(status)
                    && body.path("message").isTextual() && body.size() == 1;
            if (!serviceFormat && !edgeFormat) {
                failure = status + " not in the documented error format";
            }
        }
        return new Outcome(probe, answer, failure);
    }

    private void requireUp(Api edge) {
        if (edge.get("/observe/health", null).status() != 200) {
            throw new IllegalStateException("the edge on " + stack.edgeUrl() + " does not answer: start the stack with `make up`");
        }
        stack.servicePorts.forEach((service, port) -> {
            if (!healthOf(port).equals("200")) {
                throw new IllegalStateException(service + " on port " + port + " is not healthy before the run");
            }
        });
    }

    private static String healthOf(int port) {
        return String.valueOf(new Api("http://127.0.0.1:" + port).get("/observe/health", null).status());
    }

    /** Two test users with a conversation, a message, a media and a device: real ids to put in valid requests. */
    private static String fixtures(Api edge, Map<String, String> ids) {
        Users.Session alice = Users.session(edge, "fuzz_alice", PASSWORD);
        Users.Session bob = Users.session(edge, "fuzz_bob", PASSWORD);
        Api.Reply request = edge.post("/contacts/requests", alice.token(), Map.of("userId", bob.userId()));
        String requestId = request.json().path("requestId").asText("");
        if (request.status() == 201) {
            edge.post("/contacts/requests/" + requestId + "/accept", bob.token(), null);
        }
        String conversationId = edge.post("/conversations", alice.token(), Map.of("type", "direct", "memberIds", List.of(bob.userId())))
                .expect("POST /conversations", 200, 201).json().path("conversationId").asText();
        String messageId = edge.post("/conversations/" + conversationId + "/messages", alice.token(),
                        Map.of("clientMessageId", "fuzz-fixture", "type", "text", "text", "fixture"))
                .expect("POST /conversations/{id}/messages", 200, 201).json().path("messageId").asText();
        String mediaId = edge.post("/media/uploads", alice.token(),
                        Map.of("contentType", "image/png", "sizeBytes", 2048, "fileName", "fuzz.png", "conversationId", conversationId))
                .expect("POST /media/uploads", 201).json().path("mediaId").asText();
        String deviceId = edge.post("/devices", alice.token(), Map.of("platform", "fcm", "token", "fuzz-device-alice"))
                .expect("POST /devices", 200, 201).json().path("deviceId").asText();
        ids.put("id", conversationId);
        ids.put("conversationId", conversationId);
        ids.put("messageId", messageId);
        ids.put("since", messageId);
        ids.put("mediaId", mediaId);
        ids.put("avatarMediaId", mediaId);
        ids.put("deviceId", deviceId);
        ids.put("requestId", requestId.isEmpty() ? "00000000-0000-4000-8000-000000000000" : requestId);
        ids.put("userId", bob.userId());
        ids.put("userIds", bob.userId());
        ids.put("search", "fuzz");
        return alice.token();
    }

    private void write(Instant started, Map<String, String> ids, List<Outcome> outcomes, Map<String, String> health) throws IOException {
        Map<String, Map<String, Integer>> histogram = new TreeMap<>();
        Map<String, Integer> overall = new TreeMap<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            String key = o.probe().service() + " via " + (o.probe().target().equals("edge") ? "edge" : "own port");
            String status = o.answer().status() == 0 ? "no answer" : String.valueOf(o.answer().status());
            histogram.computeIfAbsent(key, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
            overall.merge(status, 1, Integer::sum);
            if (o.failure() != null) {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("why", o.failure());
                failure.put("operation", o.probe().service() + " " + o.probe().operation());
                failure.put("kind", o.probe().kind());
                failure.put("request", o.probe().describe());
                failure.put("status", o.answer().status());
                failure.put("answer", o.answer().body().length() > 400 ? o.answer().body().substring(0, 400) + "..." : o.answer().body());
                failures.add(failure);
            }
        }
        long rejected = outcomes.stream().filter(o -> o.probe().mustReject()).count();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kind", "fuzz");
        report.put("startedAt", started.toString());
        report.put("seconds", (System.currentTimeMillis() - started.toEpochMilli()) / 1000.0);
        report.put("seed", seed);
        report.put("sent", outcomes.size());
        report.put("mustBeRejected", rejected);
        report.put("oddButValid", outcomes.size() - rejected);
        report.put("serverErrors", outcomes.stream().filter(o -> o.answer().status() >= 500).count());
        report.put("failures", failures.size());
        report.put("healthAfter", health);
        report.put("statuses", overall);
        report.put("statusesByService", histogram);
        report.put("kinds", outcomes.stream().map(o -> o.probe().kind().replaceAll("^(path|query|field) [^:]+: ", "$1 *: "))
                .distinct().count());
        report.put("fixtures", ids);
        report.put("failureList", failures);

        Path dir = stack.results();
        Files.createDirectories(dir);
        String name = "fuzz-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Files.writeString(dir.resolve(name + ".json"), Json.MAPPER.writeValueAsString(report) + "\n");

        StringBuilder md = new StringBuilder();
        md.append("# Malformed input: ").append(started).append("\n\n");
        md.append("`make fuzz` (seed ").append(seed).append("): ").append(outcomes.size()).append(" requests derived from the services' ")
                .append("OpenAPI files, through the edge and on each service's own port; ").append(rejected)
                .append(" of them invalid (only a 4xx is right), the rest odd but valid (a 2xx is right too). ")
                .append("**5xx: ").append(report.get("serverErrors")).append("; failures: ").append(failures.size())
                .append("**; services healthy afterwards: ").append(health.values().stream().allMatch("200"::equals) ? "all" : health)
                .append(".\n\n");
        List<String> statuses = new ArrayList<>(overall.keySet());
        md.append("| service, sent to | ").append(String.join(" | ", statuses)).append(" | total |\n|---|");
        statuses.forEach(s -> md.append("---:|"));
        md.append("---:|\n");
        histogram.forEach((key, counts) -> {
            md.append("| ").append(key).append(" |");
            statuses.forEach(s -> md.append(' ').append(counts.getOrDefault(s, 0)).append(" |"));
            md.append(' ').append(counts.values().stream().mapToInt(Integer::intValue).sum()).append(" |\n");
        });
        md.append("| **all** |");
        statuses.forEach(s -> md.append(' ').append(overall.get(s)).append(" |"));
        md.append(' ').append(outcomes.size()).append(" |\n\n");
        if (failures.isEmpty()) {
            md.append("No failures.\n");
        } else {
            md.append("## Failures\n\n| why | operation | kind | request | answer |\n|---|---|---|---|---|\n");
            for (Map<String, Object> f : failures) {
                @SuppressWarnings("unchecked")
                Map<String, Object> request = (Map<String, Object>) f.get("request");
                md.append("| ").append(f.get("why")).append(" | ").append(f.get("operation")).append(" | ").append(f.get("kind"))
                        .append(" | `").append(request.get("method")).append(' ').append(cell(String.valueOf(request.get("path")), 80))
                        .append("` via ").append(request.get("target")).append(" | ").append(cell(String.valueOf(f.get("answer")), 120))
                        .append(" |\n");
            }
        }
        Files.writeString(dir.resolve(name + ".md"), md.toString());
        System.out.println("[fuzz] report: " + dir.resolve(name + ".md"));
    }

    private static String cell(String text, int limit) {
        String cut = text.length() > limit ? text.substring(0, limit) + "..." : text;
        return cut.replace("|", "\\|").replace("\n", " ").replace("`", "'");
    }
}
