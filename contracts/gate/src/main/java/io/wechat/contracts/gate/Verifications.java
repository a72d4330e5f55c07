package io.wechat.contracts.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What providers' verification runs said, read from pact-jvm's own JSON verification reports: a provider's
 * {@code *PactVerificationTest} run with {@code -Dpact.verification.reports=console,json -Dpact.verification.reportDir=DIR}
 * writes {@code DIR/<provider>.json} with every interaction it verified, per consumer, and the mismatches of those
 * that failed.
 */
final class Verifications {
    /**
     * One verified interaction.
     *
     * @param detail what pact-jvm reported about it (the mismatches of a failure), as JSON text
     */
    record Result(String consumer, String provider, String interaction, boolean passed, String detail) {
    }

    private final List<Result> results;

    private Verifications(List<Result> results) {
        this.results = List.copyOf(results);
    }

    /**
     * The options that make a provider's verification test write its results into {@code dir}; the console reporter
     * stays on, so that a failure's message carries its mismatches.
     */
    static List<String> reportOptions(Path dir) {
        return List.of("-Dpact.verification.reports=console,json", "-Dpact.verification.reportDir=" + dir);
    }

    /** Every report in the folders that exist. */
    static Verifications read(List<Path> dirs) {
        List<Result> results = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    results.addAll(parse(PactFile.JSON.readTree(file.toFile())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the verification reports in " + dir, e);
            }
        }
        return new Verifications(results);
    }

    static List<Result> parse(JsonNode report) {
        String provider = report.path("provider").path("name").asText();
        List<Result> results = new ArrayList<>();
        for (JsonNode execution : report.path("execution")) {
            String consumer = execution.path("consumer").path("name").asText();
            for (JsonNode verified : execution.path("interactions")) {
                JsonNode verification = verified.path("verification");
                results.add(new Result(consumer, provider, verified.path("interaction").path("description").asText(),
                        "OK".equals(verification.path("result").asText()), verification.toString()));
            }
        }
        return results;
    }

    /**
     * The outcome for one interaction: a failure if any run failed it (an interaction verified twice must pass
     * both times), else a pass, else nothing when no run verified it.
     */
    Optional<Result> of(String consumer, String provider, String interaction) {
        List<Result> matching = results.stream()
                .filter(r -> r.consumer().equals(consumer) && r.provider().equals(provider)
                        && r.interaction().equals(interaction))
                .toList();
        return matching.stream().filter(r -> !r.passed()).findFirst().or(() -> matching.stream().findFirst());
    }
}
