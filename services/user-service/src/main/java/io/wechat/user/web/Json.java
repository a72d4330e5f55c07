package io.wechat.user.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.web.ApiException;

/**
 * Reads request bodies and writes response bodies. Parsing is strict about types (a number is not a string)
 * and lenient about unknown fields; every parse failure becomes a 400 with a readable message.
 */
public final class Json {
    public static final ObjectMapper MAPPER = createMapper();
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private Json() {
    }

    /** Parses the body into {@code type}; a record constructor's {@link ApiException} comes through unchanged. */
    public static <T> T read(ServerRequest req, Class<T> type) {
        return convert(readTree(req), type);
    }

    public static JsonNode readTree(ServerRequest req) {
        byte[] body = readBody(req);
        if (body.length == 0) {
            throw ApiException.badRequest("malformed_json", "a JSON body is required");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("invalid_request", "the body does not match the expected fields");
        } catch (JacksonException e) {
            throw ApiException.badRequest("invalid_request", "invalid field type" + fieldOf(e));
        }
    }

    public static void send(ServerResponse res, Status status, Object body) {
        try {
            res.status(status);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    private static byte[] readBody(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        // A form or text/plain request is never taken for JSON.
        boolean json = req.headers().contentType()
                .map(type -> type.mediaType().type().equals("application")
                        && (type.mediaType().subtype().equals("json") || type.mediaType().subtype().endsWith("+json")))
                .orElse(false);
        if (!json) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type", "send the body as application/json");
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
                                       "the body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_body", "the body could not be read");
        }
    }

    private static String fieldOf(JacksonException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String name = mapping.getPath().getFirst().getFieldName();
            return name == null ? "" : ": " + name;
        }
        return "";
    }

    private static ObjectMapper createMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addModule(new SimpleModule().addDeserializer(String.class, new StorableText()))
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /** Text PostgreSQL can keep: no NUL, and no UTF-16 surrogate without its pair (it has no UTF-8 form). */
    public static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Refuses unstorable text while parsing, so that it is a 400 at the door rather than a 500 at the database. */
    private static final class StorableText extends StdScalarDeserializer<String> {
        StorableText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && !storable(value)) {
                throw context.weirdStringException(value, String.class, "NUL or an unpaired surrogate");
            }
            return value;
        }
    }
}
