package io.wechat.kit.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/** The one ObjectMapper and the request body reading that turns every JSON problem into a 400. */
public final class Json {
    public static final ObjectMapper MAPPER = strict(new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .registerModule(new SimpleModule().addDeserializer(String.class, new StorableText())));

    /** A value of the wrong JSON type (a number where a string belongs, "12" where a number does) is a client error. */
    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Text that a store can keep: an unpaired UTF-16 surrogate has no UTF-8 form (DynamoDB refuses the item) and
     * NUL is refused by PostgreSQL, so both are the client's error at the door, not a 5xx at the store.
     */
    static final class StorableText extends StdScalarDeserializer<String> {
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

        static boolean storable(String value) {
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
    }

    /** The body of a request, which must say it is JSON: a form or text/plain request is never taken for JSON (415). */
    public static byte[] body(ServerRequest request) {
        if (!request.content().hasEntity()) {
            throw ApiException.badRequest("invalid_json", "A JSON body is required");
        }
        boolean json = request.headers().contentType()
                .map(type -> type.mediaType().type().equals("application")
                        && (type.mediaType().subtype().equals("json") || type.mediaType().subtype().endsWith("+json")))
                .orElse(false);
        if (!json) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type", "Send the body as application/json");
        }
        return request.content().as(byte[].class);
    }

    private Json() {
    }

    /** Reads the body into {@code type}; a record's constructor validation surfaces as its ApiException. */
    public static <T> T read(ServerRequest request, Class<T> type) {
        return parse(body(request), type);
    }

    public static <T> T parse(byte[] body, Class<T> type) {
        try {
            return bound(MAPPER.readValue(body, type));
        } catch (IOException e) {
            throw asApiException(e);
        }
    }

    /**
     * Binds JSON already read into a tree (a WebSocket frame, one field of an event) to {@code type}, with the
     * same 400s as {@link #parse(byte[], Class)}: the text is parsed once, never written back and read again.
     */
    public static <T> T parse(JsonNode tree, Class<T> type) {
        try {
            return bound(MAPPER.treeToValue(tree, type));
        } catch (IOException e) {
            throw asApiException(e);
        }
    }

    private static <T> T bound(T value) {
        if (value == null) {
            throw ApiException.badRequest("invalid_json", "A JSON object is required");
        }
        return value;
    }

    private static RuntimeException asApiException(IOException e) {
        if (e instanceof ValueInstantiationException) {
            return e.getCause() instanceof ApiException api ? api
                    : ApiException.badRequest("invalid_request", "Invalid request body");
        }
        if (e instanceof JsonProcessingException) {
            return ApiException.badRequest("invalid_json", "Malformed JSON or wrong field types");
        }
        return new UncheckedIOException(e);
    }

    public static JsonNode tree(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "Malformed JSON");
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
