package io.wechat.edge.esm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.edge.Json;

/**
 * Where a stream mapping has got to: per shard, the sequence number of the last record that was handled (delivered
 * successfully, or given up on and described to the on-failure queue). Kept in a file per stream when a folder is
 * given, written to a temporary file, forced to disk and renamed over the old one, so that a restarted edge resumes
 * after the last handled record and a crash never leaves a torn file.
 */
final class Checkpoints {
    private final Path file;
    private final Map<String, String> positions = new ConcurrentHashMap<>();

    Checkpoints(Path folder, String streamArn) {
        this.file = folder == null ? null : folder.resolve(streamArn.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        if (file != null && Files.exists(file)) {
            try {
                JsonNode saved = Json.parse(Files.readAllBytes(file));
                saved.properties().forEach(e -> positions.put(e.getKey(), e.getValue().asText()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the stream checkpoint " + file, e);
            }
        }
    }

    Optional<String> of(String shardId) {
        return Optional.ofNullable(positions.get(shardId));
    }

    synchronized void save(String shardId, String sequenceNumber) {
        positions.put(shardId, sequenceNumber);
        if (file == null) {
            return;
        }
        ObjectNode json = Json.object();
        positions.forEach(json::put);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temporary, Json.write(json).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stream checkpoint " + file, e);
        }
    }
}
