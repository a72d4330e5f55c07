package io.wechat.chat.ingress;

import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;

/**
 * One kind of AWS event that reaches {@code POST /events}: how to recognise it by its shape, and the feature
 * that handles it. {@link IngressHttp} asks each kind in its order of registration.
 */
public record EventKind(String name, Predicate<JsonNode> recognises, Function<JsonNode, Answer> handler) {

    /** What {@code POST /events} answers: the Lambda function's result as the adapter passes it on. */
    public record Answer(Status status, Object body) {
        public static Answer ok(Object body) {
            return new Answer(Status.OK_200, body);
        }
    }

    public static EventKind of(String name, Predicate<JsonNode> recognises, Function<JsonNode, Answer> handler) {
        return new EventKind(name, recognises, handler);
    }
}
