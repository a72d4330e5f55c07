package io.wechat.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Per service: cold start to healthy, RSS of the running processes, Lambda package size. */
final class Services {
    static final List<String> NAMES = List.of("user-service", "chat-service", "media-service", "notification-service", "edge");
    static final String DEFAULT_JAVA_OPTS = "-Xms16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";
    /** Per component, the heap cap `make up` gives it (MB); the same file the launcher reads. */
    private static final String HEAP_FILE = "localstack/heap-mb.properties";
    /** A generation's line of {@code jcmd GC.heap_info} (Serial GC): {@code DefNew total 59008K, used 24068K}. */
    private static final Pattern GENERATION_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private final Options o;
    private final Cloud cloud;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500)).build();

    Services(Options o, Cloud cloud) {
        this.o = o;
        this.cloud = cloud;
    }

    Path dir(String name) {
        return name.equals("edge") ? o.root.resolve("localstack/edge") : o.root.resolve("services/" + name);
    }

    Path jar(String name) {
        return dir(name).resolve("target/" + name + ".jar");
    }

    /** VmRSS (MB) of each process `make up` runs (.local/pids/NAME.pid). */
    Map<String, Object> rssOfRunning() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String n : NAMES) {
            m.put(n, Cloud.rssMb(cloud.pid(n)));
        }
        m.put("emulator", Cloud.rssMb(cloud.pid("emulator")));
        return m;
    }

    /** The heap cap of each component, as `make up` starts it. */
    Properties heapMb() throws IOException {
        Properties heap = new Properties();
        try (var in = Files.newBufferedReader(o.root.resolve(HEAP_FILE))) {
            heap.load(in);
        }
        return heap;
    }

    /**
     * The live heap (MB) of each process `make up` runs: the heap in use right after a full collection ({@code jcmd
     * GC.run}, then {@code GC.heap_info}), what its {@code -Xmx} must hold with room for a load's garbage.
     */
    Map<String, Object> liveHeapOfRunning() {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Map<String, Object> m = new LinkedHashMap<>();
        for (String n : NAMES) {
            long pid = cloud.pid(n);
            m.put(n, pid <= 0 ? null : liveHeapMb(jcmd, pid));
        }
        return m;
    }

    private static Double liveHeapMb(Path jcmd, long pid) {
        try {
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            Matcher used = GENERATION_USED.matcher(run(jcmd.toString(), Long.toString(pid), "GC.heap_info"));
            long kb = 0;
            while (used.find()) {
                kb += Long.parseLong(used.group(1));
            }
            return Math.round(kb / 102.4) / 10.0;
        } catch (IOException | InterruptedException e) {
            Bench.log("  live heap of pid %d unknown: %s", pid, e.getMessage());
            return null;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }

    Map<String, Object> measure() throws Exception {
        Map<String, Object> all = new LinkedHashMap<>();
        String javaOpts = System.getenv("JAVA_OPTS") == null || System.getenv("JAVA_OPTS").isBlank()
                ? DEFAULT_JAVA_OPTS : System.getenv("JAVA_OPTS");
        Bench.log("services: %d cold starts each (java %s -jar on a spare port, until /observe/health answers 200)",
                o.coldStarts, javaOpts);
        Properties heap = heapMb();
        for (String n : NAMES) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("heapMb", heap.getProperty(n));
            m.putAll(coldStarts(n, "-Xmx" + heap.getProperty(n, "192") + "m " + javaOpts));
            m.putAll(packageSize(n));
            all.put(n, m);
            Bench.log("  %-21s start to healthy: median %s ms %s, CPU median %s ms; RSS when healthy %s MB; package %s MB zipped",
                    n, m.get("startMedianMs"), m.get("startMs"), m.get("cpuMedianMs"), m.get("rssWhenHealthyMb"),
                    m.get("packageZipMb"));
        }
        all.put("javaOpts", javaOpts);
        return all;
    }

    private Map<String, Object> coldStarts(String name, String javaOpts) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        Path jar = jar(name);
        if (!Files.isRegularFile(jar)) {
            m.put("error", jar + " is missing (make up builds it)");
            return m;
        }
        Map<String, String> env = cloud.env(name);
        // As `make up` starts it: with the JDK's AOT cache its training run wrote for this jar, when there is one.
        Path aot = o.root.resolve(".local/aot/" + name + ".aot");
        String aotCache = Files.isRegularFile(aot) ? aot.toString() : null;
        m.put("aotCache", aotCache != null);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Long> times = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int i = 0; i < o.coldStarts; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
            if (aotCache != null) {
                cmd.add("-XX:AOTCache=" + aotCache);
            }
            cmd.add("-jar");
            cmd.add(jar.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir(name).toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")));
            pb.environment().putAll(env);
            pb.environment().put("SERVER_PORT", Integer.toString(port));
            if (name.equals("edge")) {
                pb.environment().put("ESM_ENABLED", "false"); // never steal the running edge's queue messages
            }
            long t0 = System.nanoTime();
            Process p = pb.start();
            try {
                long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
                boolean healthy = false;
                while (System.nanoTime() < deadline && p.isAlive()) {
                    if (healthy(port)) {
                        healthy = true;
                        break;
                    }
                    Thread.sleep(10);
                }
                if (healthy) {
                    times.add((System.nanoTime() - t0) / 1_000_000);
                    // user + sys of the JVM until healthy: less sensitive than the wall time to what else the machine runs
                    p.info().totalCpuDuration().ifPresent(d -> cpu.add(d.toMillis()));
                    rss.add(Cloud.rssMb(p.pid()));
                }
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
        m.put("startMs", times);
        List<Long> sorted = times.stream().sorted().toList();
        m.put("startMedianMs", sorted.isEmpty() ? null : sorted.get(sorted.size() / 2));
        m.put("cpuMs", cpu);
        List<Long> cpuSorted = cpu.stream().sorted().toList();
        m.put("cpuMedianMs", cpuSorted.isEmpty() ? null : cpuSorted.get(cpuSorted.size() / 2));
        m.put("failedStarts", o.coldStarts - times.size());
        List<Double> rs = rss.stream().filter(x -> x != null).sorted().toList();
        m.put("rssWhenHealthyMb", rs.isEmpty() ? null : rs.get(rs.size() / 2));
        return m;
    }

    private boolean healthy(int port) {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** The Makefile has no `package` target: the jar plus target/libs, zipped here (what a Lambda zip would hold). */
    private Map<String, Object> packageSize(String name) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Path jar = jar(name);
        Path libs = jar.getParent().resolve("libs");
        if (!Files.isRegularFile(jar)) {
            return m;
        }
        List<Path> files = new ArrayList<>();
        files.add(jar);
        if (Files.isDirectory(libs)) {
            try (Stream<Path> s = Files.list(libs)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        long unzipped = 0;
        Path zip = Files.createTempFile("bench-" + name, ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                for (Path f : files) {
                    String entry = f.equals(jar) ? jar.getFileName().toString() : "libs/" + f.getFileName();
                    z.putNextEntry(new ZipEntry(entry));
                    Files.copy(f, z);
                    z.closeEntry();
                    unzipped += Files.size(f);
                }
            }
            m.put("packageZipMb", Math.round(Files.size(zip) / 1024.0 / 1024.0 * 10) / 10.0);
            m.put("packageUnzippedMb", Math.round(unzipped / 1024.0 / 1024.0 * 10) / 10.0);
            m.put("packageJars", files.size());
        } finally {
            Files.deleteIfExists(zip);
        }
        return m;
    }

    static String git(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? out : null;
        } catch (Exception e) {
            return null;
        }
    }
}
