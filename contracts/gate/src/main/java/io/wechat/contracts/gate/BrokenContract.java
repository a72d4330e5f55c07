package io.wechat.contracts.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pact broken on purpose: one field its consumer expects is renamed, as if the provider had renamed it in a
 * careless change (or, for a pact without any JSON body, the expected HTTP status is changed). Verifying it must
 * fail, and fail on that field; otherwise the contracts would catch nothing.
 *
 * @param pact        the pact it was made from
 * @param interaction the description of the one interaction it keeps
 * @param field       what was changed: the JSON path of the renamed field in that interaction's body, e.g.
 *                    {@code $.payload.blockedId}, or {@code status}
 * @param renamedTo   what the broken pact expects instead
 * @param json        the broken pact: the original with only that interaction, the field renamed
 */
record BrokenContract(PactFile pact, String interaction, String field, String renamedTo, ObjectNode json) {
    static final String SUFFIX = "Renamed";
    static final String STATUS = "status";
    private static final int UNEXPECTED_STATUS = 418;

    /**
     * Breaks the first interaction that expects a JSON object, on its deepest field (first in file order): a field
     * of a nested payload says more about a contract than an envelope's id. Without any such interaction, the first
     * HTTP interaction expects another status. Empty when there is neither.
     */
    static Optional<BrokenContract> of(PactFile pact) {
        JsonNode interactions = pact.json().path("interactions");
        for (int i = 0; i < interactions.size(); i++) {
            JsonNode body = PactFile.bodyHolder(interactions.get(i));
            if (!body.isObject()) {
                continue;
            }
            Optional<List<String>> deepest = deepestField(body, new ArrayList<>());
            if (deepest.isEmpty()) {
                continue;
            }
            List<String> path = deepest.get();
            ObjectNode broken = pact.json().deepCopy();
            ObjectNode interaction = interactions.get(i).deepCopy();
            broken.putArray("interactions").add(interaction);
            ObjectNode parent = (ObjectNode) PactFile.bodyHolder(interaction);
            for (String name : path.subList(0, path.size() - 1)) {
                parent = (ObjectNode) parent.get(name);
            }
            String original = path.getLast();
            rename(parent, original, original + SUFFIX);
            return Optional.of(new BrokenContract(pact, interaction.path("description").asText(),
                    "$." + String.join(".", path), original + SUFFIX, broken));
        }
        for (int i = 0; i < interactions.size(); i++) {
            if (interactions.get(i).path("response").path(STATUS).isInt()) {
                ObjectNode broken = pact.json().deepCopy();
                ObjectNode interaction = interactions.get(i).deepCopy();
                broken.putArray("interactions").add(interaction);
                int status = interaction.path("response").path(STATUS).asInt();
                int unexpected = status == UNEXPECTED_STATUS ? UNEXPECTED_STATUS + 1 : UNEXPECTED_STATUS;
                ((ObjectNode) interaction.path("response")).put(STATUS, unexpected);
                return Optional.of(new BrokenContract(pact, interaction.path("description").asText(), STATUS,
                        String.valueOf(unexpected), broken));
            }
        }
        return Optional.empty();
    }

    /** The file name pact-jvm loads it under: the original's. */
    String fileName() {
        return pact.fileName();
    }

    /**
     * Whether a failed verification's report shows the mismatch this must cause: the renamed field missing, or the
     * status other than expected.
     */
    boolean explainedBy(String verificationDetail) {
        return verificationDetail.contains(renamedTo)
                && verificationDetail.contains(field.equals(STATUS) ? STATUS : "missing");
    }

    private static Optional<List<String>> deepestField(JsonNode object, List<String> prefix) {
        Optional<List<String>> deepest = Optional.empty();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(field.getKey());
            Optional<List<String>> candidate = field.getValue().isObject() && !field.getValue().isEmpty()
                    ? deepestField(field.getValue(), path)
                    : Optional.of(path);
            if (candidate.isPresent() && (deepest.isEmpty() || candidate.get().size() > deepest.get().size())) {
                deepest = candidate;
            }
        }
        return deepest;
    }

    /** Renames a key in place, keeping the order of the others. */
    private static void rename(ObjectNode object, String from, String to) {
        List<Map.Entry<String, JsonNode>> fields = object.properties().stream()
                .map(field -> Map.entry(field.getKey(), field.getValue())).toList();
        object.removeAll();
        for (Map.Entry<String, JsonNode> field : fields) {
            object.set(field.getKey().equals(from) ? to : field.getKey(), field.getValue());
        }
    }
}
