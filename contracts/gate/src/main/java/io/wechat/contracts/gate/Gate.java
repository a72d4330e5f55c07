package io.wechat.contracts.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code make contracts}: the project's can-i-deploy, without a Pact Broker.
 * <ol>
 *   <li>Every consumer's {@code *PactTest} writes its pacts afresh; they must equal the files in {@code contracts/}
 *       (a new, changed or no longer written pact fails, naming the file and where it differs).</li>
 *   <li>Every provider's {@code *PactVerificationTest} verifies every pact in {@code contracts/} naming it.</li>
 *   <li>The matrix consumer x provider x interaction x verified is printed; any interaction not verified fails.</li>
 *   <li>A broken contract fails: for each pact, a copy with one expected field renamed is verified by its provider,
 *       and that verification must fail with a mismatch on that field.</li>
 * </ol>
 * Within {@code make test} ({@code --from-test-run DIR}) the services' own test runs have already written their
 * pacts into {@code DIR/<service>/pacts} and their verification reports into {@code DIR/<service>/verifications}:
 * steps 1 to 3 read those instead of running Maven again.
 */
public final class Gate {
    private static final String USAGE = """
            usage: java -jar contracts-gate.jar --root DIR --work DIR --logs DIR [--from-test-run DIR] [--update]
              --update   write the pacts the consumer tests write now into contracts/ (after changing a consumer test)""";

    private final Path contracts;
    private final Path work;
    private final Optional<Path> fromTestRun;
    private final Services services;
    private final PrintStream out = System.out;
    private final List<String> failures = new ArrayList<>();

    Gate(Path root, Path work, Path logs, Optional<Path> fromTestRun) {
        this.contracts = root.resolve("contracts");
        this.work = work;
        this.fromTestRun = fromTestRun;
        this.services = new Services(root, logs);
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean update = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--update")) {
                update = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        if (!options.keySet().containsAll(List.of("--root", "--work", "--logs"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Gate gate = new Gate(Path.of(options.get("--root")), Path.of(options.get("--work")),
                Path.of(options.get("--logs")), Optional.ofNullable(options.get("--from-test-run")).map(Path::of));
        System.exit((update ? gate.update() : gate.check()) ? 0 : 1);
    }

    /** The whole gate; true when every contract holds. */
    boolean check() {
        List<String> consumers = services.all().stream().filter(s -> services.hasTests(s, "PactTest")).toList();
        List<String> providers = services.all().stream().filter(s -> services.hasTests(s, "PactVerificationTest")).toList();
        if (fromTestRun.isEmpty()) {
            TreeSet<String> all = new TreeSet<>(consumers);
            all.addAll(providers);
            runPactTests(all, "*PactTest,*PactVerificationTest");
        }
        consumersWriteWhatIsCommitted(consumers);
        Verifications verifications = Verifications.read(providers.stream().map(p -> results(p).resolve("verifications")).toList());
        matrix(verifications);
        brokenContractsFail();
        return summary();
    }

    /** Writes what the consumer tests write now into contracts/, removing the pacts no consumer writes any more. */
    boolean update() {
        List<String> consumers = services.all().stream().filter(s -> services.hasTests(s, "PactTest")).toList();
        runPactTests(consumers, "*PactTest");
        if (!failures.isEmpty()) {
            return summary();
        }
        for (String consumer : consumers) {
            for (PactFile stale : committedBy(consumer)) {
                delete(stale.path());
            }
            for (PactFile pact : PactFile.readAll(results(consumer).resolve("pacts"))) {
                copy(pact.path(), contracts.resolve(pact.fileName()));
                out.println("    wrote contracts/" + pact.fileName());
            }
        }
        out.println("Review the change with `git diff -- contracts/`, then run `make contracts`.");
        return summary();
    }

    // ---- 1. consumers -------------------------------------------------------------------------------------------

    /** One Maven run per service: its consumer tests write into a fresh folder, its provider tests verify contracts/. */
    private void runPactTests(Collection<String> names, String tests) {
        step("consumer tests write pacts, provider tests verify contracts/");
        services.mavenInEach(names, service -> {
            Path results = results(service);
            clean(results);
            List<String> args = new ArrayList<>(List.of("test", "-Dtest=" + tests,
                    "-Dsurefire.failIfNoSpecifiedTests=false", "-Dpact.rootDir=" + results.resolve("pacts"),
                    "-Dpact.folder=" + contracts));
            args.addAll(Verifications.reportOptions(results.resolve("verifications")));
            return services.maven(service, "contracts-" + service, args);
        }).forEach((service, run) -> {
            if (run.passed()) {
                ok(service + ": tests passed");
            } else {
                fail(service + ": its pact tests failed (log: " + run.log() + ")");
                run.failureLines(20).forEach(line -> out.println("      | " + line));
            }
        });
    }

    private void consumersWriteWhatIsCommitted(List<String> consumers) {
        step("the pacts the consumers write now are the ones in contracts/");
        TreeSet<String> named = new TreeSet<>(consumers);
        PactFile.readAll(contracts).forEach(pact -> named.add(pact.consumer()));
        for (String consumer : named) {
            Path written = results(consumer).resolve("pacts");
            if (consumers.contains(consumer) && !Files.isDirectory(written)) {
                fail(consumer + ": its consumer tests wrote no pacts" + fromTestRun.map(d -> " in this test run").orElse(""));
                continue;
            }
            List<Drift> drift = Drift.between(PactFile.readAll(written), committedBy(consumer));
            drift.forEach(d -> fail("contracts/" + d.file() + ": " + d.reason()));
            if (drift.isEmpty()) {
                ok(consumer + ": " + String.join(" ", committedBy(consumer).stream().map(PactFile::fileName).toList()));
            }
        }
        if (failures.stream().anyMatch(f -> f.startsWith("contracts/"))) {
            info("after changing a consumer test on purpose: `contracts/gate/run --update`, review, commit");
        }
    }

    // ---- 2 and 3. providers and the matrix ----------------------------------------------------------------------

    private void matrix(Verifications verifications) {
        step("every provider verifies every pact naming it");
        String row = "    %-22s %-22s %-62s %s%n";
        out.printf(row, "consumer", "provider", "interaction", "verified");
        for (PactFile pact : PactFile.readAll(contracts)) {
            for (PactFile.Interaction interaction : pact.interactions()) {
                String verdict = verdict(pact, interaction, verifications);
                out.printf(row, pact.consumer(), pact.provider(), interaction.description(), verdict);
                if (!verdict.equals("yes")) {
                    failures.add(pact.fileName() + " \"" + interaction.description() + "\": " + verdict);
                }
            }
        }
    }

    private String verdict(PactFile pact, PactFile.Interaction interaction, Verifications verifications) {
        if (!services.exists(pact.provider())) {
            return "NO: there is no service " + pact.provider();
        }
        return verifications.of(pact.consumer(), pact.provider(), interaction.description())
                .map(result -> result.passed() ? "yes" : "NO: failed " + abbreviate(result.detail(), 160))
                .orElse("NO: not verified (no *PactVerificationTest of " + pact.provider() + " ran it)");
    }

    // ---- 4. a broken contract fails -----------------------------------------------------------------------------

    private void brokenContractsFail() {
        step("a broken contract fails: one expected field renamed in each pact");
        Map<String, List<BrokenContract>> byProvider = new TreeMap<>();
        for (PactFile pact : PactFile.readAll(contracts)) {
            Optional<BrokenContract> broken = BrokenContract.of(pact);
            if (broken.isEmpty()) {
                fail(pact.fileName() + ": no interaction to break (neither a JSON body nor an HTTP status)");
            } else if (services.exists(pact.provider())) {
                byProvider.computeIfAbsent(pact.provider(), p -> new ArrayList<>()).add(broken.get());
            }
        }
        services.mavenInEach(byProvider.keySet(), provider -> verifyBroken(provider, byProvider.get(provider)))
                .forEach((provider, run) -> judgeBroken(provider, byProvider.get(provider), run));
    }

    /** The provider verifies its broken pacts; Maven fails when all goes well, so the verdicts come from the reports. */
    private Services.Run verifyBroken(String provider, List<BrokenContract> broken) {
        Path dir = work.resolve("broken").resolve(provider);
        clean(dir);
        for (BrokenContract contract : broken) {
            write(dir.resolve("pacts").resolve(contract.fileName()), contract.json());
        }
        FailureReports.delete(services.testReports(provider), "PactVerificationTest");
        List<String> args = new ArrayList<>(List.of("test", "-Dtest=*PactVerificationTest",
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dpact.folder=" + dir.resolve("pacts")));
        args.addAll(Verifications.reportOptions(dir.resolve("verifications")));
        return services.maven(provider, "contracts-broken-" + provider, args);
    }

    private void judgeBroken(String provider, List<BrokenContract> broken, Services.Run run) {
        Verifications verifications = Verifications.read(List.of(work.resolve("broken").resolve(provider).resolve("verifications")));
        List<String> failures = FailureReports.read(services.testReports(provider), "PactVerificationTest");
        for (BrokenContract contract : broken) {
            String what = contract.fileName() + " \"" + contract.interaction() + "\" expecting " + contract.renamedTo()
                    + " for " + contract.field();
            Optional<Verifications.Result> result = verifications.of(contract.pact().consumer(), provider, contract.interaction());
            Optional<String> explained = failures.stream()
                    .filter(f -> f.contains(contract.interaction()) && contract.explainedBy(f)).findFirst();
            if (result.isEmpty()) {
                fail(what + ": " + provider + " never verified it (log: " + run.log() + ")");
                run.failureLines(10).forEach(line -> out.println("      | " + line));
            } else if (result.get().passed()) {
                fail(what + ": " + provider + " verified it anyway, so the contracts catch nothing");
            } else if (explained.isEmpty()) {
                fail(what + ": failed, but not on that field (log: " + run.log() + ")");
            } else {
                ok(what + ": " + provider + " fails it: " + mismatch(explained.get(), contract.renamedTo()));
            }
        }
    }

    /** The line of a failure message that names {@code needle}: the mismatch. */
    static String mismatch(String failure, String needle) {
        return failure.lines().filter(line -> line.contains(needle)).findFirst()
                .map(line -> abbreviate(line.strip(), 160)).orElse(abbreviate(failure, 160));
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private boolean summary() {
        out.println();
        if (failures.isEmpty()) {
            out.println("All contracts verified.");
            return true;
        }
        out.println("Contracts not satisfied:");
        failures.forEach(f -> out.println("  - " + f));
        return false;
    }

    /** Where a service's pact tests put what they wrote and verified: this run's folder, or the test run's. */
    private Path results(String service) {
        return fromTestRun.orElse(work).resolve(service);
    }

    private List<PactFile> committedBy(String consumer) {
        return PactFile.readAll(contracts).stream().filter(p -> p.consumer().equals(consumer)).toList();
    }

    private void step(String what) {
        out.printf("%n==> %-22s %s%n", "contracts", what);
    }

    private void ok(String what) {
        out.println("    " + what);
    }

    private void info(String what) {
        out.println("    " + what);
    }

    private void fail(String what) {
        out.println("    FAILED: " + what);
        failures.add(what);
    }

    static String abbreviate(String text, int max) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }

    private static void clean(Path dir) {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(Gate::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, JsonNode json) {
        try {
            Files.createDirectories(file.getParent());
            PactFile.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
