package io.wechat.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The operations of one service's OpenAPI file, with local {@code $ref}s resolved. */
final class OpenApi {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** One operation; {@code body} is the resolved JSON schema of the request body, null when it has none. */
    record Operation(String service, String method, String path, List<Parameter> parameters, JsonNode body,
                     boolean bodyRequired, boolean secured) {
        String name() {
            return method + " " + path;
        }
    }

    private OpenApi() {
    }

    /** Every operation of {@code services/<service>/src/main/resources/META-INF/openapi.yaml}, in file order. */
    static List<Operation> read(Path root, String service) throws IOException {
        Path file = root.resolve("services").resolve(service).resolve("src/main/resources/META-INF/openapi.yaml");
        JsonNode document = YAML.readTree(Files.readString(file));
        boolean securedByDefault = document.path("security").size() > 0;
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = paths.next();
            JsonNode item = entry.getValue();
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode list : List.of(item.path("parameters"), operation.path("parameters"))) {
                    for (JsonNode p : list) {
                        JsonNode parameter = resolve(document, p);
                        parameters.removeIf(existing -> existing.name().equals(parameter.path("name").asText()));
                        parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                                parameter.path("required").asBoolean(false), resolveDeep(document, parameter.path("schema"))));
                    }
                }
                JsonNode requestBody = resolve(document, operation.path("requestBody"));
                JsonNode bodySchema = requestBody.path("content").path("application/json").path("schema");
                boolean secured = operation.has("security") ? operation.path("security").size() > 0 : securedByDefault;
                operations.add(new Operation(service, method.toUpperCase(), entry.getKey(), parameters,
                        bodySchema.isMissingNode() ? null : resolveDeep(document, bodySchema),
                        requestBody.path("required").asBoolean(false), secured));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** A schema with every {@code $ref} replaced by its target and {@code allOf} merged (enough for request bodies). */
    private static JsonNode resolveDeep(JsonNode document, JsonNode schema) {
        JsonNode resolved = resolve(document, schema);
        if (!resolved.isObject()) {
            return resolved;
        }
        ObjectNode copy = ((ObjectNode) resolved).deepCopy();
        if (copy.has("allOf")) {
            ObjectNode merged = YAML.createObjectNode();
            ObjectNode properties = merged.putObject("properties");
            merged.put("type", "object");
            for (JsonNode part : copy.get("allOf")) {
                JsonNode partResolved = resolveDeep(document, part);
                partResolved.path("properties").fields().forEachRemaining(f -> properties.set(f.getKey(), f.getValue()));
                if (partResolved.has("required")) {
                    merged.withArray("required").addAll((com.fasterxml.jackson.databind.node.ArrayNode) partResolved.get("required"));
                }
            }
            return merged;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = copy.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "items" -> field.setValue(resolveDeep(document, field.getValue()));
                case "properties" -> {
                    ObjectNode properties = YAML.createObjectNode();
                    field.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(), resolveDeep(document, p.getValue())));
                    field.setValue(properties);
                }
                case "oneOf", "anyOf" -> {
                    var alternatives = YAML.createArrayNode();
                    field.getValue().forEach(a -> alternatives.add(resolveDeep(document, a)));
                    field.setValue(alternatives);
                }
                default -> { }
            }
        }
        return copy;
    }
}
