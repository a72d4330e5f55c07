package io.wechat.kit.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Opaque page cursors: base64url of a small JSON object tagged with its kind, so that a cursor of one
 * list is rejected by another. The stores rebind every decoded value to the caller and the route, so
 * a forged cursor can only move within data the caller may already see.
 */
public final class Cursor {
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };

    private Cursor() {
    }

    public static String encode(String kind, Map<String, String> fields) {
        var all = new TreeMap<>(fields);
        all.put("k", kind);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(all).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of {@code kind} holding every one of {@code required}; anything else is a 400. */
    public static Map<String, String> decode(String cursor, String kind, String... required) {
        Map<String, String> fields;
        try {
            fields = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), FIELDS);
        } catch (Exception e) {
            throw invalid();
        }
        if (fields == null || !kind.equals(fields.get("k"))) {
            throw invalid();
        }
        for (String name : required) {
            String value = fields.get(name);
            if (value == null || value.isEmpty()) {
                throw invalid();
            }
        }
        return fields;
    }

    public static long decodeNumber(String cursor, String kind, String field) {
        String value = decode(cursor, kind, field).get(field);
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw invalid();
            }
            return number;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid_cursor", "The cursor is malformed or belongs to another list");
    }
}
