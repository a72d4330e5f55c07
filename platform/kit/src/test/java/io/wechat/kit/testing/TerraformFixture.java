package io.wechat.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Terraform root of {@code terraform/fixtures/} applied to the emulator under a name prefix of its own
 * ({@code it-<random>}) by {@code localstack/bin/tf-fixture}: the tests' tables, queues, topics and buckets come from
 * the modules the product deploys, and no two runs (nor a developer's running stack) share them. What a fixture made
 * stays in the emulator under its run's prefix, which nothing reuses, until {@code localstack/bin/tf-fixture-sweep}
 * deletes it once the process that asked for it (this JVM, or {@code make test}) has ended.
 *
 * <p>{@link #shared(String)} applies a root once per test JVM and hands every test class the same outputs. When
 * {@code make test} has already started applying it (alongside compilation and the parts before: the folder named by
 * {@code TERRAFORM_FIXTURE_OUTPUTS} holds {@code <name>.json}, or {@code <name>.json.pending} until then), the tests
 * wait for and read those outputs instead, so that one run applies each fixture once.
 */
public final class TerraformFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final Map<String, TerraformFixture> SHARED = new ConcurrentHashMap<>();
    private final String name;
    private final JsonNode outputs;

    private TerraformFixture(String name, JsonNode outputs) {
        this.name = name;
        this.outputs = outputs;
    }

    /** Applies {@code terraform/fixtures/<name>} for the caller alone, with extra variables. */
    public static TerraformFixture apply(String name, Map<String, String> variables) {
        try {
            Path outputs = Files.createTempDirectory("tf-fixture-" + name).resolve("outputs.json");
            List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("localstack/bin/tf-fixture").toString(),
                                                           name, outputs.toString()));
            variables.forEach((key, value) -> command.add(key + "=" + value));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(outputs.resolveSibling("tf-fixture.log").toFile());
            builder.environment().put("AWS_ENDPOINT_URL", TestCloud.endpoint().toString());
            builder.environment().put("AWS_REGION", TestCloud.region());
            Process process = builder.start();
            if (!process.waitFor(PATIENCE.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("terraform/fixtures/" + name + " was not applied within " + PATIENCE);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("terraform/fixtures/" + name + " failed to apply:\n"
                        + Files.readString(outputs.resolveSibling("tf-fixture.log")));
            }
            return read(name, outputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying terraform/fixtures/" + name, e);
        }
    }

    /** {@code terraform/fixtures/<name>} applied once in this test run: every caller gets the same resources. */
    public static TerraformFixture shared(String name) {
        return SHARED.computeIfAbsent(name, key -> {
            String folder = System.getenv("TERRAFORM_FIXTURE_OUTPUTS");
            if (folder != null && !folder.isBlank()) {
                Path outputs = Path.of(folder).resolve(key + ".json");
                if (Files.exists(outputs) || Files.exists(Path.of(outputs + ".pending"))) {
                    return awaitApplied(key, outputs);
                }
            }
            return apply(key, Map.of());
        });
    }

    /** The run-unique prefix every resource name of this fixture starts with. */
    public String namePrefix() {
        return output("name_prefix");
    }

    /** An output of any type (maps and objects as JSON objects). */
    public JsonNode json(String output) {
        JsonNode value = outputs.path(output).path("value");
        if (value.isMissingNode()) {
            throw new IllegalStateException("terraform/fixtures/" + name + " has no output " + output);
        }
        return value;
    }

    /** A string output, or the string at {@code path} in it (e.g. {@code "queue_urls", "message-queue"}). */
    public String output(String output, String... path) {
        JsonNode value = json(output);
        for (String key : path) {
            value = value.path(key);
        }
        if (!value.isTextual()) {
            throw new IllegalStateException("terraform/fixtures/" + name + " has no string at " + output + "/"
                    + String.join("/", path));
        }
        return value.asText();
    }

    private static TerraformFixture awaitApplied(String name, Path outputs) {
        Path failed = Path.of(outputs + ".failed");
        Path pending = Path.of(outputs + ".pending");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            // The applying script moves the outputs in whole, then removes its pending marker.
            while (Files.exists(pending) && !Files.exists(outputs) && !Files.exists(failed) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (Files.exists(outputs)) {
                return read(name, outputs);
            }
            if (Files.exists(failed)) {
                throw new IllegalStateException("terraform/fixtures/" + name + " failed to apply:\n" + Files.readString(failed));
            }
            throw new IllegalStateException("terraform/fixtures/" + name + " was not applied to " + outputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for terraform/fixtures/" + name, e);
        }
    }

    private static TerraformFixture read(String name, Path outputs) throws IOException {
        return new TerraformFixture(name, JSON.readTree(outputs.toFile()));
    }

    /** The repository's root: the closest folder above the working directory that holds terraform/fixtures. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("terraform/fixtures"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no terraform/fixtures above " + Path.of("").toAbsolutePath());
    }
}
