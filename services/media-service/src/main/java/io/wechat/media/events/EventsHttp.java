package io.wechat.media.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Responses;

/**
 * {@code POST /events}: AWS events as the Lambda Web Adapter (or the local edge) delivers them. Not
 * routed by the public API; only the runtime reaches it.
 */
public final class EventsHttp implements HttpService {
    private final S3EventsHandler uploads;
    private final MessageRemovedHandler removedMessages;

    /** Each queue's batches go to their handler: chat events (envelopes) or S3 notifications of uploads. */
    public EventsHttp(S3EventsHandler uploads, MessageRemovedHandler removedMessages) {
        this.uploads = uploads;
        this.removedMessages = removedMessages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", this::events);
    }

    private void events(ServerRequest req, ServerResponse res) {
        if (!req.content().hasEntity()) {
            throw ApiException.badRequest("invalid_event", "Expected an SQS event with Records");
        }
        byte[] body = req.content().as(byte[].class);
        JsonNode event = Json.tree(body);
        Responses.json(res, Status.OK_200,
                MessageRemovedHandler.handles(event) ? removedMessages.handle(event) : uploads.handle(body));
    }
}
