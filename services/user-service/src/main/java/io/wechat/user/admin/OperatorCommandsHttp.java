package io.wechat.user.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.web.ApiException;
import io.wechat.user.web.Gateway;
import io.wechat.user.web.Json;

/**
 * {@code POST /events}: commands of the operator, never a public route. In AWS only a Lambda invocation reaches it
 * ({@code aws lambda invoke} by someone allowed to invoke the function: no credential of its own); locally only
 * callers that hold the edge's secret ({@code make admin}). One command so far:
 * {@code {"adminRole": {"username": "alice", "grant": true}}} grants the admin role ({@code false} revokes it) and
 * answers the account as {@code GET /admin/users} shows it.
 */
public final class OperatorCommandsHttp implements HttpService {
    private final Gateway gateway;
    private final AdminUsers users;

    public OperatorCommandsHttp(Gateway gateway, AdminUsers users) {
        this.gateway = gateway;
        this.users = users;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::command);
    }

    private void command(ServerRequest req, ServerResponse res) {
        if (!gateway.vouchesFor(req)) {
            throw ApiException.forbidden("forbidden", "only the runtime delivers events");
        }
        JsonNode adminRole = Json.readTree(req).path("adminRole");
        JsonNode username = adminRole.path("username");
        JsonNode grant = adminRole.path("grant");
        if (!username.isTextual() || username.asText().isBlank() || !grant.isBoolean()) {
            throw ApiException.badRequest("invalid_request",
                                          "expected {\"adminRole\": {\"username\": \"...\", \"grant\": true|false}}");
        }
        Json.ok(res, users.setAdmin(username.asText(), grant.asBoolean()));
    }
}
