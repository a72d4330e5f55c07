package io.wechat.kit.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One test's own values for the example ids of a contract, so that tests sharing the Terraform fixture's tables (one
 * platform per test run) never meet each other's data: {@code u-2} becomes {@code u-2-1a2b3c4d}, and every UUID (an
 * event id) a fresh UUID. A pact's example values are examples: its matching rules admit any string there (any UUID
 * for a UUID matcher), so a consumer test may feed the message with these values in their place.
 */
public final class UniqueIds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final Map<String, String> ids = new LinkedHashMap<>();

    /** Unique values for these examples (and for every UUID {@link #rewrite} meets). */
    public UniqueIds(String... examples) {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        for (String example : examples) {
            ids.put(example, example + suffix);
        }
    }

    /** This test's value for one of its examples. */
    public synchronized String of(String example) {
        String id = ids.get(example);
        if (id == null) {
            throw new IllegalArgumentException(example + " is not one of this test's examples " + ids.keySet());
        }
        return id;
    }

    /**
     * The JSON document with this test's values in place of the examples: every string value that is one of the
     * examples, or a UUID (the same UUID gets the same new value within this test).
     */
    public synchronized String rewrite(String json) {
        try {
            return JSON.writeValueAsString(rewritten(JSON.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + json, e);
        }
    }

    private JsonNode rewritten(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(rewritten(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rewritten(array.get(i)));
            }
        } else if (node.isTextual()) {
            String text = node.asText();
            if (UUID_SHAPE.matcher(text).matches()) {
                return TextNode.valueOf(ids.computeIfAbsent(text, uuid -> UUID.randomUUID().toString()));
            }
            if (ids.containsKey(text)) {
                return TextNode.valueOf(ids.get(text));
            }
        }
        return node;
    }
}
