package io.wechat.contracts.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The services of the repository ({@code services/<name>/pom.xml}) and their Maven runs, through
 * {@code localstack/bin/mvn-in-service}: the environment the services' tests get under {@code make test}.
 */
final class Services {
    private final Path root;
    private final Path logs;

    Services(Path root, Path logs) {
        this.root = root;
        this.logs = logs;
    }

    /** Every service, by name. */
    List<String> all() {
        try (Stream<Path> dirs = Files.list(root.resolve("services"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String service) {
        return Files.isRegularFile(root.resolve("services").resolve(service).resolve("pom.xml"));
    }

    /** Whether the service has test classes whose names end with {@code suffix} ({@code PactTest}, ...). */
    boolean hasTests(String service, String suffix) {
        Path tests = root.resolve("services").resolve(service).resolve("src/test/java");
        if (!Files.isDirectory(tests)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(tests)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix + ".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where Surefire writes the service's test reports. */
    Path testReports(String service) {
        return root.resolve("services").resolve(service).resolve("target/surefire-reports");
    }

    /** Runs Maven in the service with its test environment, output to {@code logs/<log>.log}; true when it passed. */
    Run maven(String service, String log, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("localstack/bin/mvn-in-service").toString());
        command.add(service);
        command.addAll(args);
        Path logFile = logs.resolve(log + ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            return new Run(process.waitFor() == 0, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Maven ran in " + service, e);
        }
    }

    /**
     * Runs {@code run} for each service, answering in the order given: one at a time, or {@code CONTRACTS_PARALLEL}
     * at a time. One at a time by default: each run starts JVMs and servers with start-up timeouts, which runs side by
     * side on a busy machine miss.
     */
    Map<String, Run> mavenInEach(Collection<String> services, Function<String, Run> run) {
        int parallel = Math.max(1, Math.min(services.size(), Integer.parseInt(
                System.getenv().getOrDefault("CONTRACTS_PARALLEL", "1"))));
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            Map<String, Future<Run>> runs = new LinkedHashMap<>();
            services.forEach(service -> runs.put(service, pool.submit(() -> run.apply(service))));
            Map<String, Run> done = new LinkedHashMap<>();
            for (var entry : runs.entrySet()) {
                try {
                    done.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Maven could not run in " + entry.getKey(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return done;
        }
    }

    /**
     * One Maven run.
     *
     * @param passed Maven's exit status was 0
     * @param log    its output
     */
    record Run(boolean passed, Path log) {
        /** The lines that say what went wrong: Maven's errors and pact-jvm's failures, at most {@code max}. */
        List<String> failureLines(int max) {
            try (Stream<String> lines = Files.lines(log)) {
                return lines.filter(line -> line.startsWith("[ERROR]") || line.contains("Failures:")
                                || line.contains("Verifying a pact between") || line.contains("Expected "))
                        .filter(line -> !line.contains("\tat ") && !line.startsWith("[ERROR] \tat"))
                        .limit(max).toList();
            } catch (IOException e) {
                return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
            }
        }
    }
}
