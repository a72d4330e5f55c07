package io.wechat.chat.ingress;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Responses;

/**
 * {@code POST /events}: AWS events as the Lambda Web Adapter (or the local edge) delivers them, told apart by
 * shape and handed to the first {@link EventKind} that recognises them (the kinds and their order are wired in
 * {@code Main}). Not routed by the public API; only the runtime reaches it.
 */
public final class IngressHttp implements HttpService {
    private final List<EventKind> kinds;

    public IngressHttp(List<EventKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", this::events);
    }

    private void events(ServerRequest req, ServerResponse res) {
        if (!req.content().hasEntity()) {
            throw invalid();
        }
        JsonNode event = Json.tree(req.content().as(byte[].class));
        if (event == null || !event.isObject()) {
            throw invalid();
        }
        EventKind kind = kinds.stream().filter(k -> k.recognises().test(event)).findFirst().orElseThrow(this::invalid);
        EventKind.Answer answer = kind.handler().apply(event);
        Responses.json(res, answer.status(), answer.body());
    }

    private ApiException invalid() {
        return ApiException.badRequest("invalid_event", "Expected one of: "
                + kinds.stream().map(EventKind::name).collect(Collectors.joining(", ")));
    }
}
