package io.wechat.contracts.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftTest {
    @TempDir
    Path dir;

    @Test
    void sameContentIsNoDrift() throws IOException {
        PactFile written = pact("now", "a-b.json", "{\"x\": 1, \"y\": [1, 2]}");
        PactFile committed = pact("before", "a-b.json", "{\"y\": [1, 2], \"x\": 1}");

        assertEquals(List.of(), Drift.between(List.of(written), List.of(committed)));
    }

    @Test
    void namesNewStaleAndChangedPactsWithWhereTheyDiffer() throws IOException {
        List<PactFile> written = List.of(pact("now", "a-b.json", "{\"x\": {\"y\": 2}, \"z\": 1}"),
                                         pact("now", "a-new.json", "{}"));
        List<PactFile> committed = List.of(pact("before", "a-b.json", "{\"x\": {\"y\": 1}, \"z\": 1}"),
                                           pact("before", "a-old.json", "{}"));

        assertEquals(List.of(
                new Drift("a-b.json", "differs from what the consumer tests write now, at $.x.y"),
                new Drift("a-new.json", "new pact, not in contracts/"),
                new Drift("a-old.json", "in contracts/, but no consumer test writes it any more")),
                Drift.between(written, committed));
    }

    private PactFile pact(String folder, String name, String json) throws IOException {
        Path file = dir.resolve(folder).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return PactFile.read(file);
    }
}
