package io.wechat.chat.events;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.realtime.WebSocketRoutes;
import io.wechat.chat.web.ApiException;
import io.wechat.chat.web.Json;
import io.wechat.chat.web.Responses;

/**
 * {@code POST /events}: AWS events as the Lambda Web Adapter (or the local edge) delivers them, told apart
 * by shape: an SQS batch ({@code Records}) goes to the user events handler, an API Gateway WebSocket route
 * event ({@code requestContext.eventType}) to the WebSocket routes. Not routed by the public API; only the
 * runtime reaches it.
 */
public final class EventsHttp implements HttpService {
    private final UserEventsHandler userEvents;
    private final WebSocketRoutes webSocket;

    public EventsHttp(UserEventsHandler userEvents, WebSocketRoutes webSocket) {
        this.userEvents = userEvents;
        this.webSocket = webSocket;
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
        if (event.path("Records").isArray()) {
            Responses.json(res, Status.OK_200, userEvents.handle(event));
            return;
        }
        var ws = WebSocketRoutes.WsEvent.parse(event);
        if (ws.isPresent()) {
            // The Lambda proxy answer API Gateway reads (statusCode), and the same status for the local edge.
            int status = webSocket.handle(ws.get());
            Responses.json(res, Status.create(status), Map.of("statusCode", status));
            return;
        }
        throw invalid();
    }

    private static ApiException invalid() {
        return ApiException.badRequest("invalid_event",
                "Expected an SQS event with Records or an API Gateway WebSocket event");
    }
}
