package io.wechat.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes of this stack, by the pids the local cloud keeps under {@code .local/pids}: killed with SIGKILL,
 * stopped and started again through {@code localstack/bin/cloud}, the way a developer would. Only pids of this
 * state folder are ever signalled.
 */
final class Components {
    static final String START_TIMEOUT_SECONDS = "300";
    private final Stack stack;

    Components(Stack stack) {
        this.stack = stack;
    }

    Optional<ProcessHandle> process(String component) {
        Path pidFile = stack.state.resolve("pids").resolve(component + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** kill -9 of the component's process; true when it was running and is now gone. */
    boolean kill(String component) throws InterruptedException {
        Optional<ProcessHandle> process = process(component);
        if (process.isEmpty()) {
            return false;
        }
        process.get().destroyForcibly();
        for (int i = 0; i < 100 && process.get().isAlive(); i++) {
            Thread.sleep(50);
        }
        return !process.get().isAlive();
    }

    /** {@code cloud down COMPONENT}: a clean stop (Redis saves, PostgreSQL checkpoints). */
    void stop(String component) throws IOException, InterruptedException {
        cloud("down", component);
    }

    /**
     * {@code cloud up --no-web}: starts whatever is not running and waits until every JVM is live, one started here
     * or one still starting from before; everything else is left alone. Under the fault run's load a JVM takes far
     * longer to get live than on an idle machine, so the wait is {@code START_TIMEOUT_SECONDS} of the environment,
     * else {@link #START_TIMEOUT_SECONDS}.
     */
    void up() throws IOException, InterruptedException {
        cloud("up", "--no-web");
    }

    private void cloud(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(stack.root.resolve("localstack/bin/cloud").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stack.state.resolve("logs/chaos-cloud.log").toFile()));
        // What the faults restart belongs to whoever started the stack: never to this run's list of what to stop.
        builder.environment().remove("STARTED_FILE");
        builder.environment().putIfAbsent("START_TIMEOUT_SECONDS", START_TIMEOUT_SECONDS);
        int rc = builder.start().waitFor();
        if (rc != 0) {
            throw new IOException("cloud " + String.join(" ", args) + " failed (" + rc + "): see "
                    + stack.state.resolve("logs/chaos-cloud.log"));
        }
    }
}
