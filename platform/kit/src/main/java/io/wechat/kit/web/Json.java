package io.wechat.kit.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.helidon.webserver.http.ServerRequest;

/** The one ObjectMapper and the request body reading that turns every JSON problem into a 400. */
public final class Json {
    public static final ObjectMapper MAPPER = strict(new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true));

    /** A number or boolean where a string belongs is a client error, not something to coerce. */
    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    private Json() {
    }

    /** Reads the body into {@code type}; a record's constructor validation surfaces as its ApiException. */
    public static <T> T read(ServerRequest request, Class<T> type) {
        if (!request.content().hasEntity()) {
            throw ApiException.badRequest("invalid_json", "A JSON body is required");
        }
        return parse(request.content().as(byte[].class), type);
    }

    public static <T> T parse(byte[] body, Class<T> type) {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("invalid_json", "A JSON object is required");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("invalid_request", "Invalid request body");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "Malformed JSON or wrong field types");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
