package io.wechat.kit.events;

import java.util.function.Function;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Responses;

/**
 * {@code POST /events} of a service whose AWS events are SQS batches only, as the Lambda Web Adapter (or the local
 * edge's event source mapping) delivers them: the body goes to the handler, its {@link SqsBatch.Response} comes back.
 * Not routed by the public API; only the runtime reaches it ({@link EventsGuard} locally).
 */
public final class SqsEventsHttp implements HttpService {
    private final Function<byte[], SqsBatch.Response> handler;

    public SqsEventsHttp(Function<byte[], SqsBatch.Response> handler) {
        this.handler = handler;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", this::events);
    }

    private void events(ServerRequest req, ServerResponse res) {
        if (!req.content().hasEntity()) {
            throw ApiException.badRequest("invalid_event", "Expected an SQS event with Records");
        }
        Responses.json(res, Status.OK_200, handler.apply(req.content().as(byte[].class)));
    }
}
