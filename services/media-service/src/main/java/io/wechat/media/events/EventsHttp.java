package io.wechat.media.events;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Responses;

/**
 * {@code POST /events}: AWS events as the Lambda Web Adapter (or the local edge) delivers them. Not
 * routed by the public API; only the runtime reaches it.
 */
public final class EventsHttp implements HttpService {
    private final S3EventsHandler uploads;

    public EventsHttp(S3EventsHandler uploads) {
        this.uploads = uploads;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", this::events);
    }

    private void events(ServerRequest req, ServerResponse res) {
        if (!req.content().hasEntity()) {
            throw ApiException.badRequest("invalid_event", "Expected an SQS event with Records");
        }
        Responses.json(res, Status.OK_200, uploads.handle(req.content().as(byte[].class)));
    }
}
