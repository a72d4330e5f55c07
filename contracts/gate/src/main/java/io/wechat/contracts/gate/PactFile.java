package io.wechat.contracts.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Pact file (specification V4): the consumer, the provider and the interactions the consumer expects.
 *
 * @param path         where it was read from
 * @param consumer     the consumer's pacticipant name (a service name)
 * @param provider     the provider's pacticipant name
 * @param interactions in file order
 * @param json         the whole file
 */
record PactFile(Path path, String consumer, String provider, List<Interaction> interactions, JsonNode json) {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One interaction.
     *
     * @param description the pact's description, unique within a pact file
     * @param body        what the provider must answer (an HTTP response body) or publish (a message's contents);
     *                    null when the interaction expects no body
     */
    record Interaction(String description, JsonNode body) {
    }

    static PactFile read(Path path) {
        JsonNode json;
        try {
            json = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pact " + path, e);
        }
        List<Interaction> interactions = new ArrayList<>();
        for (JsonNode interaction : json.path("interactions")) {
            interactions.add(new Interaction(interaction.path("description").asText(), body(interaction)));
        }
        return new PactFile(path, json.path("consumer").path("name").asText(), json.path("provider").path("name").asText(),
                List.copyOf(interactions), json);
    }

    /** Every {@code *.json} in the folder, by file name; none when the folder does not exist. */
    static List<PactFile> readAll(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().map(PactFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String fileName() {
        return path.getFileName().toString();
    }

    /** The node holding an interaction's expected body: V4 keeps it under {@code content}. */
    static JsonNode bodyHolder(JsonNode interaction) {
        JsonNode holder = interaction.has("contents") ? interaction.path("contents") : interaction.path("response").path("body");
        return holder.path("content");
    }

    private static JsonNode body(JsonNode interaction) {
        JsonNode content = bodyHolder(interaction);
        return content.isMissingNode() || content.isNull() ? null : content;
    }
}
