package io.wechat.chat.events;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.auth.WebSocketAuthorizer;
import io.wechat.chat.realtime.WebSocketRoutes;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Responses;

/**
 * {@code POST /events}: AWS events as the Lambda Web Adapter (or the local edge) delivers them, told apart
 * by shape: an SQS batch ({@code Records}) goes to the user events handler, the WebSocket API's $connect
 * REQUEST authorizer event ({@code type: REQUEST} with a {@code methodArn}) to the authorizer, an API Gateway
 * WebSocket route event ({@code requestContext.eventType}) to the WebSocket routes. The authorizer event is
 * told apart first: its {@code requestContext} has {@code eventType: CONNECT} too. Not routed by the public
 * API; only the runtime reaches it.
 */
public final class EventsHttp implements HttpService {
    private final UserEventsHandler userEvents;
    private final WebSocketRoutes webSocket;
    private final WebSocketAuthorizer authorizer;

    public EventsHttp(UserEventsHandler userEvents, WebSocketRoutes webSocket, WebSocketAuthorizer authorizer) {
        this.userEvents = userEvents;
        this.webSocket = webSocket;
        this.authorizer = authorizer;
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
        if (WebSocketAuthorizer.isAuthorizerEvent(event)) {
            // The policy is the Lambda function's result (the adapter passes the body on as it is).
            Responses.json(res, Status.OK_200, authorizer.authorize(event));
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
                "Expected an SQS event with Records, an API Gateway WebSocket event or its REQUEST authorizer event");
    }
}
