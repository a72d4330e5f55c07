package io.wechat.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Derives malformed requests from an operation's OpenAPI description. Every request is otherwise valid (a real
 * token of the test user, real ids in the path, a body that passes the schema) except in the one way its
 * {@code kind} names, so that each check behind the authorizer, the router and the JSON parser is reached.
 * Deterministic: the same seed and the same OpenAPI files give the same requests in the same order.
 */
final class Cases {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARK = "@@fuzz@@";
    private static final byte[] INVALID_UTF8 = {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, 0x28, (byte) 0xA1, (byte) 0xFF};

    /** Text that is odd but valid JSON: a service may take it (2xx) or refuse it (4xx), never fail on it. */
    private static final Map<String, String> ODD_UNICODE = new LinkedHashMap<>();
    static {
        ODD_UNICODE.put("lone high surrogate", "\"a\\ud800b\"");
        ODD_UNICODE.put("lone low surrogate", "\"\\udc00\"");
        ODD_UNICODE.put("right-to-left override", "\"\u202Egnp.exe\u202C\"");
        ODD_UNICODE.put("zero-width characters", "\"a\u200B\u200C\u200Db\uFEFF\"");
        ODD_UNICODE.put("emoji", "\"\uD83D\uDE00 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83C\uDDE8\uD83C\uDDF3\"");
        ODD_UNICODE.put("NUL and controls", "\"a\\u0000b\\u0007\\u001b[31m\"");
        ODD_UNICODE.put("combining marks", "\"Z\u0337\u031B\u0349a\u0336l\u0334g\u0335o\u0336\"");
        ODD_UNICODE.put("noncharacters", "\"\uFFFF\uFFFE\\uffff\"");
    }

    /** Path parameter values that are not ids, as they go on the wire. */
    private static final Map<String, String> BAD_IDS = new LinkedHashMap<>();
    static {
        BAD_IDS.put("dot-dot", "..");
        BAD_IDS.put("encoded dot-dot", "%2e%2e");
        BAD_IDS.put("encoded slash", "a%2Fb");
        BAD_IDS.put("encoded NUL", "a%00b");
        BAD_IDS.put("bad escape", "%ZZ");
        BAD_IDS.put("invalid UTF-8 escape", "%C3%28%FF");
        BAD_IDS.put("encoded lone surrogate", "%ED%A0%80");
        BAD_IDS.put("SQL", "1'%20OR%20'1'%3D'1");
        BAD_IDS.put("negative number", "-1");
        BAD_IDS.put("huge number", "99999999999999999999999999");
        BAD_IDS.put("null", "null");
        BAD_IDS.put("markup", "%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        BAD_IDS.put("emoji", "%F0%9F%98%80");
        BAD_IDS.put("right-to-left override", "%E2%80%AEdi");
        BAD_IDS.put("zero-width space", "%E2%80%8B");
        BAD_IDS.put("long", "a".repeat(4000));
        BAD_IDS.put("JSON", "%7B%22a%22%3A1%7D");
    }

    /**
     * Values that are well-formed opaque ids (letters, digits, {@code . _ : -}): a service that keeps settings per
     * id without owning the ids (a mute of a conversation) may take them; every other bad id must be refused.
     */
    private static final java.util.Set<String> OPAQUE_IDS = java.util.Set.of("encoded dot-dot", "negative number",
            "huge number", "null");

    private final Map<String, String> ids;
    private final String token;
    private final Map<String, byte[]> refusedTokens;
    private final Random random;
    private int serial;

    Cases(Map<String, String> ids, String token, Map<String, byte[]> refusedTokens, long seed) {
        this.ids = ids;
        this.token = token;
        this.refusedTokens = refusedTokens;
        this.random = new Random(seed);
    }

    /** Every malformed request for one operation, sent to {@code target}. */
    List<Probe> of(OpenApi.Operation op, String target) {
        List<Probe> probes = new ArrayList<>();
        Builder base = new Builder(op, target);
        Consumer<Builder> add = b -> probes.add(b.build());

        for (OpenApi.Parameter parameter : op.parameters()) {
            if (parameter.in().equals("path")) {
                BAD_IDS.forEach((name, value) -> add.accept(base.copy("path " + parameter.name() + ": " + name,
                                !OPAQUE_IDS.contains(name)).pathParam(parameter.name(), value)));
                add.accept(base.copy("path " + parameter.name() + ": random id", false)
                        .pathParam(parameter.name(), "fz" + Long.toHexString(random.nextLong())));
            } else if (parameter.in().equals("query")) {
                queryCases(parameter).forEach((kind, value) ->
                        add.accept(base.copy("query " + parameter.name() + ": " + kind.name, kind.mustReject)
                                .query(parameter.name(), value)));
            }
        }
        if (op.body() != null) {
            bodyCases(op.body(), base, add);
            Map<String, Boolean> contentTypes = new LinkedHashMap<>();
            contentTypes.put("text/plain", true);
            contentTypes.put("application/xml", true);
            contentTypes.put("application/x-www-form-urlencoded", true);
            contentTypes.put("multipart/form-data; boundary=fuzz", true);
            contentTypes.put("", true);
            // POST /events is the runtime's channel (the Lambda Web Adapter, locally the edge), not a client's: it
            // reads the event whatever its declared type, and answers bad records as batch item failures.
            boolean events = op.path().equals("/events");
            contentTypes.forEach((type, reject) -> {
                Builder b = base.copy("content type: " + (type.isEmpty() ? "none" : type), reject && !events);
                if (type.isEmpty()) {
                    b.headers.remove("Content-Type");
                } else {
                    b.headers.put("Content-Type", bytes(type));
                }
                add.accept(b);
            });
            add.accept(base.copy("oversized body: 1.5 MB", true).body(bytes(
                    "{\"text\":\"" + "x".repeat(1_572_864) + "\"}")));
        }
        if (op.secured()) {
            add.accept(base.copy("token: none", true).noToken());
            refusedTokens.forEach((name, value) -> add.accept(base.copy("token: " + name, true).authorization(value)));
        }
        return probes;
    }

    private record QueryKind(String name, boolean mustReject) {
    }

    private Map<QueryKind, String> queryCases(OpenApi.Parameter parameter) {
        Map<QueryKind, String> cases = new LinkedHashMap<>();
        JsonNode schema = parameter.schema();
        if (schema.path("type").asText().equals("integer")) {
            cases.put(new QueryKind("not a number", true), "abc");
            cases.put(new QueryKind("empty", true), "");
            cases.put(new QueryKind("fraction", true), "1.5");
            cases.put(new QueryKind("exponent", true), "1e3");
            cases.put(new QueryKind("overflow", true), "99999999999999999999");
            if (schema.has("minimum")) {
                cases.put(new QueryKind("below minimum", true), String.valueOf(schema.get("minimum").asLong() - 1));
                cases.put(new QueryKind("negative", true), "-5");
            }
            if (schema.has("maximum")) {
                cases.put(new QueryKind("above maximum", true), String.valueOf(schema.get("maximum").asLong() + 1));
            }
        } else {
            boolean constrained = schema.has("enum") || schema.has("pattern");
            cases.put(new QueryKind("huge", constrained || schema.has("maxLength")), "q".repeat(6000));
            cases.put(new QueryKind("bad escape", true), "%ZZ%");
            cases.put(new QueryKind("invalid UTF-8 escape", constrained), "%C3%28%FF");
            cases.put(new QueryKind("encoded lone surrogate", constrained), "%ED%A0%80");
            cases.put(new QueryKind("emoji and right-to-left", constrained), "%F0%9F%98%80%E2%80%AE");
            cases.put(new QueryKind("encoded NUL", constrained), "a%00b");
            cases.put(new QueryKind("garbage base64", constrained || parameter.name().equals("cursor")), "eyJ4Ijp9");
            if (schema.has("enum")) {
                cases.put(new QueryKind("not in enum", true), "fuzz");
            }
        }
        return cases;
    }

    private void bodyCases(JsonNode schema, Builder base, Consumer<Builder> add) {
        Map<String, Boolean> documents = new LinkedHashMap<>();
        documents.put("{", true);
        documents.put("{\"a\":}", true);
        documents.put("{'single':'quotes'}", true);
        documents.put("nul", true);
        documents.put("[]", true);
        documents.put("null", true);
        documents.put("\"just a string\"", true);
        documents.put("42", true);
        documents.put("true", true);
        documents.put("[".repeat(5000) + "]".repeat(5000), true);
        documents.put("{\"a\":".repeat(3000) + "1" + "}".repeat(3000), true);
        documents.forEach((text, reject) -> add.accept(base.copy("bad JSON: " + label(text), reject).body(bytes(text))));
        if (base.op.bodyRequired()) {
            add.accept(base.copy("bad JSON: empty body", true).body(new byte[0]));
        }
        add.accept(base.copy("bad JSON: invalid UTF-8 only", true).body(INVALID_UTF8));
        add.accept(base.copy("bad JSON: UTF-16", false).body(base.validBody().getBytes(StandardCharsets.UTF_16)));
        add.accept(base.copy("bad JSON: valid then garbage", true).body(bytes(base.validBody() + "}{]x")));
        byte[] garbage = new byte[512];
        random.nextBytes(garbage);
        add.accept(base.copy("bad JSON: random bytes", true).body(garbage));

        if (!schema.path("type").asText("object").equals("object") || !schema.has("properties")) {
            return;
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
            add.accept(base.copy("missing fields: all", true).body(bytes("{}")));
        }
        for (String field : required) {
            ObjectNode body = base.validObject();
            body.remove(field);
            add.accept(base.copy("missing field: " + field, true).body(bytes(Json.compact(body))));
        }
        ObjectNode extra = base.validObject();
        extra.put("unexpectedField", "x");
        extra.putObject("__proto__").put("admin", true);
        add.accept(base.copy("extra fields", false).body(bytes(Json.compact(extra))));

        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.get("properties").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            // An event batch answers bad records as batch item failures (200), as Lambda expects; a readOnly property
            // is not part of a request (OpenAPI: it is not sent), so a service ignores it like any extra field.
            boolean mayIgnore = base.op.path().equals("/events") || field.getValue().path("readOnly").asBoolean(false);
            fieldCases(field.getKey(), field.getValue(), required.contains(field.getKey()))
                    .forEach((kind, fragment) -> add.accept(base.copy("field " + field.getKey() + ": " + kind.name, kind.mustReject && !mayIgnore)
                            .body(base.withField(field.getKey(), fragment))));
        }
    }

    private Map<QueryKind, byte[]> fieldCases(String name, JsonNode schema, boolean required) {
        Map<QueryKind, byte[]> cases = new LinkedHashMap<>();
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        boolean nullable = schema.path("nullable").asBoolean(false);
        cases.put(new QueryKind("null", required && !nullable), bytes("null"));
        switch (type) {
            case "string" -> {
                cases.put(new QueryKind("number instead of string", true), bytes("123"));
                cases.put(new QueryKind("boolean instead of string", true), bytes("true"));
                cases.put(new QueryKind("object instead of string", true), bytes("{\"a\":\"b\"}"));
                cases.put(new QueryKind("array instead of string", true), bytes("[\"a\"]"));
                boolean shaped = schema.has("enum") || schema.has("pattern") || schema.has("format");
                cases.put(new QueryKind("empty", shaped || schema.path("minLength").asInt(0) > 0), bytes("\"\""));
                cases.put(new QueryKind("whitespace only", shaped || schema.path("minLength").asInt(0) > 0), bytes("\"   \\t\\n \""));
                if (schema.has("maxLength")) {
                    cases.put(new QueryKind("one over maxLength", true),
                            bytes("\"" + "m".repeat(schema.get("maxLength").asInt() + 1) + "\""));
                }
                cases.put(new QueryKind("huge (200,000 characters)", shaped || schema.has("maxLength")),
                        bytes("\"" + "h".repeat(200_000) + "\""));
                if (schema.has("enum")) {
                    cases.put(new QueryKind("not in enum", true), bytes("\"fuzz-not-an-option\""));
                    cases.put(new QueryKind("enum in other case", false), bytes("\"" + schema.get("enum").get(0).asText().toUpperCase() + "\""));
                }
                if (schema.has("pattern")) {
                    cases.put(new QueryKind("against the pattern", true), bytes("\"has spaces / and ! marks\""));
                }
                if (schema.path("format").asText().equals("date-time")) {
                    cases.put(new QueryKind("not a date-time", true), bytes("\"yesterday\""));
                    cases.put(new QueryKind("date-time far in the future", false), bytes("\"+999999999-12-31T23:59:59Z\""));
                }
                if (schema.path("format").asText().equals("uuid")) {
                    cases.put(new QueryKind("not a uuid", true), bytes("\"not-a-uuid\""));
                }
                ODD_UNICODE.forEach((kind, fragment) -> cases.put(new QueryKind(kind, shaped), bytes(fragment)));
                cases.put(new QueryKind("invalid UTF-8", true), Tokens.concat(bytes("\"a"), INVALID_UTF8, bytes("\"")));
            }
            case "integer", "number" -> {
                cases.put(new QueryKind("string instead of number", true), bytes("\"12\""));
                cases.put(new QueryKind("boolean instead of number", true), bytes("false"));
                cases.put(new QueryKind("array instead of number", true), bytes("[1]"));
                if (type.equals("integer")) {
                    cases.put(new QueryKind("fraction", true), bytes("1.5"));
                }
                cases.put(new QueryKind("beyond double", true), bytes("1e309"));
                cases.put(new QueryKind("beyond long", true), bytes("99999999999999999999999"));
                cases.put(new QueryKind("negative", true), bytes("-1"));
                if (schema.has("maximum")) {
                    cases.put(new QueryKind("above maximum", true), bytes(String.valueOf(schema.get("maximum").asLong() + 1)));
                }
                if (schema.has("minimum")) {
                    cases.put(new QueryKind("below minimum", true), bytes(String.valueOf(schema.get("minimum").asLong() - 1)));
                }
            }
            case "boolean" -> {
                cases.put(new QueryKind("string instead of boolean", true), bytes("\"true\""));
                cases.put(new QueryKind("number instead of boolean", true), bytes("1"));
            }
            case "array" -> {
                cases.put(new QueryKind("string instead of array", true), bytes("\"a\""));
                cases.put(new QueryKind("object instead of array", true), bytes("{}"));
                cases.put(new QueryKind("numbers in the array", true), bytes("[1,2,3]"));
                cases.put(new QueryKind("nulls in the array", true), bytes("[null]"));
                cases.put(new QueryKind("nested arrays", true), bytes("[[[\"a\"]]]"));
                if (schema.path("minItems").asInt(0) > 0 || required) {
                    cases.put(new QueryKind("empty array", schema.path("minItems").asInt(0) > 0), bytes("[]"));
                }
                StringBuilder many = new StringBuilder("[");
                for (int i = 0; i < 5000; i++) {
                    many.append(i == 0 ? "" : ",").append("\"fz").append(i).append('"');
                }
                cases.put(new QueryKind("5,000 items", schema.has("maxItems")), bytes(many.append(']').toString()));
            }
            default -> {
                cases.put(new QueryKind("string instead of object", true), bytes("\"a\""));
                cases.put(new QueryKind("array instead of object", true), bytes("[]"));
            }
        }
        return cases;
    }

    private static String label(String document) {
        return document.length() > 24 ? document.substring(0, 12) + "... (" + document.length() + " chars)" : document;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A valid value for a schema, taking real ids for the fields that name them. */
    JsonNode example(String name, JsonNode schema) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        if (schema.has("oneOf")) {
            return example(name, schema.get("oneOf").get(0));
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), example(p.getKey(), p.getValue())));
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(singular(name), schema.path("items")));
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(name.equals("sizeBytes") ? 2048 : Math.max(1, schema.path("minimum").asLong(1)));
            }
            case "number" -> {
                return NODES.numberNode(1.0);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                if (schema.has("enum")) {
                    return NODES.textNode(schema.get("enum").get(0).asText());
                }
                if (schema.path("format").asText().equals("date-time")) {
                    return NODES.textNode(Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toString());
                }
                return NODES.textNode(switch (name) {
                    case "clientMessageId" -> "fuzz-" + (++serial);
                    case "username" -> "fuzz_probe";
                    case "password" -> "correct horse battery staple";
                    case "contentType" -> "image/png";
                    case "fileName" -> "fuzz.png";
                    case "refreshToken" -> "fuzz-refresh-token";
                    case "token" -> "fuzz-device-token";
                    default -> ids.getOrDefault(name, "fuzz");
                });
            }
        }
    }

    private static String singular(String name) {
        return switch (name) {
            case "memberIds", "userIds" -> "userId";
            default -> name;
        };
    }

    /** A request under construction; every change returns this. */
    final class Builder {
        final OpenApi.Operation op;
        final String target;
        String kind = "valid";
        boolean mustReject;
        final Map<String, String> pathParams = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, byte[]> headers = new LinkedHashMap<>();
        byte[] body;

        Builder(OpenApi.Operation op, String target) {
            this.op = op;
            this.target = target;
            for (OpenApi.Parameter p : op.parameters()) {
                if (p.in().equals("path")) {
                    pathParams.put(p.name(), ids.getOrDefault(p.name(), "fuzz"));
                } else if (p.in().equals("query") && p.required()) {
                    query.put(p.name(), example(p.name(), p.schema()).asText());
                }
            }
            if (op.secured()) {
                headers.put("Authorization", bytes("Bearer " + token));
            }
            if (op.body() != null) {
                headers.put("Content-Type", bytes(Probe.JSON));
                body = bytes(validBody());
            }
        }

        private Builder(Builder from, String kind, boolean mustReject) {
            this.op = from.op;
            this.target = from.target;
            this.kind = kind;
            this.mustReject = mustReject;
            this.pathParams.putAll(from.pathParams);
            this.query.putAll(from.query);
            this.headers.putAll(from.headers);
            this.body = from.body;
        }

        Builder copy(String kind, boolean mustReject) {
            return new Builder(this, kind, mustReject);
        }

        ObjectNode validObject() {
            JsonNode value = example("", op.body());
            return value instanceof ObjectNode object ? object : NODES.objectNode();
        }

        String validBody() {
            return Json.compact(example("", op.body()));
        }

        /** The valid body with one field's value replaced by raw JSON bytes. */
        byte[] withField(String field, byte[] fragment) {
            ObjectNode body = validObject();
            body.put(field, MARK);
            String text = Json.compact(body);
            int at = text.indexOf("\"" + MARK + "\"");
            return Tokens.concat(bytes(text.substring(0, at)), fragment, bytes(text.substring(at + MARK.length() + 2)));
        }

        Builder pathParam(String name, String raw) {
            pathParams.put(name, raw);
            return this;
        }

        Builder query(String name, String raw) {
            query.put(name, raw);
            return this;
        }

        Builder body(byte[] bytes) {
            body = bytes;
            return this;
        }

        Builder noToken() {
            headers.remove("Authorization");
            return this;
        }

        Builder authorization(byte[] value) {
            headers.put("Authorization", value);
            return this;
        }

        Probe build() {
            String path = op.path();
            for (Map.Entry<String, String> p : pathParams.entrySet()) {
                path = path.replace("{" + p.getKey() + "}", p.getValue());
            }
            StringBuilder target = new StringBuilder(path);
            char separator = '?';
            for (Map.Entry<String, String> q : query.entrySet()) {
                target.append(separator).append(q.getKey()).append('=').append(q.getValue());
                separator = '&';
            }
            return new Probe(op.service(), op.name(), this.target, kind, op.method(), bytes(target.toString()),
                    new LinkedHashMap<>(headers), body, mustReject);
        }
    }
}
