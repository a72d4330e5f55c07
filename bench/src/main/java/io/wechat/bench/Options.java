package io.wechat.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Command-line options (`--users 100`), each also settable by an environment variable (`BENCH_USERS=100`). */
final class Options {
    int users = 100;
    double rate = 5;
    int duration = 12;
    int floorDuration = 6;
    int concurrency = 16;
    int backlog = 100;
    int coldStarts = 5;
    int notifySamples = 5;
    int lostTimeoutSeconds = 10;
    double groupShare = 0.2;
    int groupSize = 5;
    String prefix = "bench";
    boolean requestCounts = true;
    List<Integer> scalingGroups = List.of(2, 5, 50, 500);
    List<Integer> scalingHistory = List.of(1_000, 10_000);
    int scalingSends = 20;
    /** The ports of `make up`, moved like the local cloud moves them (EDGE_PORT, AWS_PORT, USER_SERVICE_PORT ...). */
    String edge = "http://127.0.0.1:" + env("EDGE_PORT", "8080");
    String aws = "http://127.0.0.1:" + env("AWS_PORT", "4566");
    Map<String, String> serviceHealth = Map.of(
            "user-service", health(env("USER_SERVICE_PORT", "8081")),
            "chat-service", health(env("CHAT_SERVICE_PORT", "8082")),
            "media-service", health(env("MEDIA_SERVICE_PORT", "8083")),
            "notification-service", health(env("NOTIFICATION_SERVICE_PORT", "8084")));
    Path root = Path.of(".").toAbsolutePath().normalize();
    Path out;
    boolean services = true;
    /** Only the services phase: cold starts, the RSS of the running processes, package sizes; no load. */
    boolean servicesOnly;

    static Options parse(String[] args) {
        Options o = new Options();
        o.users = intEnv("BENCH_USERS", o.users);
        o.rate = doubleEnv("BENCH_RATE", o.rate);
        o.duration = intEnv("BENCH_DURATION", o.duration);
        o.floorDuration = intEnv("BENCH_FLOOR_DURATION", o.floorDuration);
        o.concurrency = intEnv("BENCH_CONCURRENCY", o.concurrency);
        o.backlog = intEnv("BENCH_BACKLOG", o.backlog);
        o.coldStarts = intEnv("BENCH_COLD_STARTS", o.coldStarts);
        o.notifySamples = intEnv("BENCH_NOTIFY_SAMPLES", o.notifySamples);
        o.prefix = env("BENCH_PREFIX", o.prefix);
        if (System.getenv("BENCH_ROOT") != null) {
            o.root = Path.of(System.getenv("BENCH_ROOT")).toAbsolutePath().normalize();
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String inline = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            if (name.equals("--no-services")) {
                o.services = false;
                continue;
            }
            if (name.equals("--no-request-counts")) {
                o.requestCounts = false;
                continue;
            }
            if (name.equals("--no-scaling")) {
                o.scalingGroups = List.of();
                o.scalingHistory = List.of();
                continue;
            }
            if (name.equals("--services-only")) {
                o.servicesOnly = true;
                continue;
            }
            if (name.equals("--quick")) {
                o.quick();
                continue;
            }
            if (name.equals("--help") || name.equals("-h")) {
                usage();
                System.exit(0);
            }
            String v = inline != null ? inline : (i + 1 < args.length ? args[++i] : null);
            if (v == null) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--users" -> o.users = Integer.parseInt(v);
                case "--rate" -> o.rate = Double.parseDouble(v);
                case "--duration" -> o.duration = Integer.parseInt(v);
                case "--floor-duration" -> o.floorDuration = Integer.parseInt(v);
                case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                case "--backlog" -> o.backlog = Integer.parseInt(v);
                case "--cold-starts" -> o.coldStarts = Integer.parseInt(v);
                case "--notify-samples" -> o.notifySamples = Integer.parseInt(v);
                case "--prefix" -> o.prefix = v;
                case "--scaling-groups" -> o.scalingGroups = sizes(v);
                case "--scaling-history" -> o.scalingHistory = sizes(v);
                case "--scaling-sends" -> o.scalingSends = Integer.parseInt(v);
                case "--out" -> o.out = Path.of(v).toAbsolutePath();
                default -> {
                    usage();
                    throw new IllegalArgumentException("unknown option " + name);
                }
            }
        }
        if (o.users < 4 || o.users % 2 != 0) {
            throw new IllegalArgumentException("--users must be an even number >= 4");
        }
        if (o.servicesOnly && !o.services) {
            throw new IllegalArgumentException("--services-only and --no-services leave nothing to measure");
        }
        if (o.out == null) {
            o.out = o.root.resolve("bench/results");
        }
        return o;
    }

    /**
     * A smoke run of a few seconds of load (what `make test` runs): every phase, with the least that still sends
     * messages through every path; its figures mean nothing.
     */
    private void quick() {
        users = 4;
        rate = 2;
        duration = 2;
        floorDuration = 1;
        concurrency = 2;
        backlog = 5;
        coldStarts = 0;
        notifySamples = 1;
        services = false;
        requestCounts = false;
        scalingGroups = List.of(2, 5);
        scalingHistory = List.of(100);
        scalingSends = 3;
    }

    private static List<Integer> sizes(String v) {
        return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    private static String health(String port) {
        return "http://127.0.0.1:" + port + "/observe/health";
    }

    static void usage() {
        System.out.println("""
                make bench ARGS="[options]"   (or the BENCH_* environment variables)
                  --users N            users, in direct pairs and groups of 5, each on a WebSocket (100; BENCH_USERS)
                  --rate R             messages/s of the fixed-rate phase (5; BENCH_RATE; 20 saturates this machine)
                  --duration S         seconds of each message phase (12; BENCH_DURATION)
                  --floor-duration S   seconds of each floor phase (6; BENCH_FLOOR_DURATION)
                  --concurrency C      senders in flight in the as-fast-as-possible phase (16; BENCH_CONCURRENCY)
                  --backlog N          message.sent events for the drain test (100; BENCH_BACKLOG; the issue asks 10000: see bench/README.md)
                  --cold-starts N      cold starts per service, median reported (5; BENCH_COLD_STARTS)
                  --notify-samples K   offline-recipient push latency samples (5)
                  --no-services        skip cold starts, RSS and package sizes
                  --services-only      only cold starts (time and CPU to healthy), RSS and package sizes: no load
                  --no-request-counts  skip the AWS requests per message (and their cost)
                  --scaling-groups L   group sizes of the scaling table (2,5,50,500; extra users bench_u100.. as needed)
                  --scaling-history L  messages seeded into the messages table, cumulative (1000,10000; 100000 takes ~10 min)
                  --scaling-sends K    sends per scaling point, one after another (20)
                  --no-scaling         skip both scaling tables
                  --quick              a smoke run: 4 users, a few seconds per phase, no cold starts (figures mean nothing)
                  --prefix P           username prefix, reused across runs (bench)
                  --out DIR            results folder (bench/results)""");
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    private static int intEnv(String k, int d) {
        return Integer.parseInt(env(k, Integer.toString(d)));
    }

    private static double doubleEnv(String k, double d) {
        return Double.parseDouble(env(k, Double.toString(d)));
    }
}
