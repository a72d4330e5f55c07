package io.wechat.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Terraform root of {@code terraform/fixtures/} applied to the emulator for one test, under a name prefix of its own
 * ({@code it-<random>}): the test's resources come from the modules the product deploys, and no two runs (nor a
 * developer's running stack) share them. The test deletes what it made when it is done: {@code terraform destroy}
 * would wait on the provider's SQS propagation checks for minutes. The state lives in a temporary folder, the
 * provider plugins in {@code .local/terraform/fixtures/<name>} ({@code LOCAL_STATE_DIR} moves it), so that init is
 * fast after the first run.
 */
final class TerraformFixture {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private final Path dir;
    private final Path dataDir;
    private final Path work;
    private final JsonNode outputs;

    private TerraformFixture(String name) throws IOException, InterruptedException {
        dir = ROOT.resolve("terraform/fixtures").resolve(name);
        String stateDir = System.getenv("LOCAL_STATE_DIR");
        dataDir = (stateDir == null || stateDir.isBlank() ? ROOT.resolve(".local") : Path.of(stateDir))
                .resolve("terraform/fixtures").resolve(name);
        work = Files.createTempDirectory("tf-fixture-" + name);
        List<String> variables = List.of("-var", "name_prefix=it-" + UUID.randomUUID().toString().substring(0, 8),
                                         "-var", "aws_endpoint=" + TestCloud.endpoint(),
                                         "-var", "region=" + System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        terraform("init", "-input=false", "-no-color");
        List<String> apply = new ArrayList<>(List.of("apply", "-auto-approve", "-input=false", "-no-color", "-state=" + state()));
        apply.addAll(variables);
        terraform(apply.toArray(String[]::new));
        outputs = Json.parse(terraform("output", "-json", "-no-color", "-state=" + state()));
    }

    /** Applies {@code terraform/fixtures/<name>}; its outputs are then {@link #output(String)}. */
    static TerraformFixture apply(String name) throws IOException, InterruptedException {
        return new TerraformFixture(name);
    }

    String output(String name) {
        JsonNode value = outputs.path(name).path("value");
        if (!value.isTextual()) {
            throw new IllegalStateException("terraform/fixtures/" + dir.getFileName() + " has no output " + name);
        }
        return value.asText();
    }

    private Path state() {
        return work.resolve("terraform.tfstate");
    }

    /** Runs terraform in the fixture's folder: its standard output (the diagnostics go to a log beside the state). */
    private String terraform(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("localstack/bin/tf").toString(), "-chdir=" + dir));
        command.addAll(List.of(args));
        Path out = work.resolve(args[0] + ".out");
        Path log = work.resolve(args[0] + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile());
        builder.environment().put("TF_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("terraform " + args[0] + " of " + dir + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("terraform " + args[0] + " of " + dir + " failed:\n" + Files.readString(out)
                    + Files.readString(log));
        }
        return Files.readString(out);
    }
}
