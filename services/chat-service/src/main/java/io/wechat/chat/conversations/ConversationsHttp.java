package io.wechat.chat.conversations;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Responses;

/** The conversation and member routes. */
public final class ConversationsHttp implements HttpService {
    private final Authenticator auth;
    private final ConversationService conversations;

    public ConversationsHttp(Authenticator auth, ConversationService conversations) {
        this.auth = auth;
        this.conversations = conversations;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/conversations", this::create)
                .get("/conversations", this::list)
                .get("/conversations/{id}", this::get)
                .patch("/conversations/{id}", this::update)
                .get("/conversations/{id}/members", this::members)
                .post("/conversations/{id}/members", this::addMembers)
                .patch("/conversations/{id}/members/{userId}", this::changeRole)
                .delete("/conversations/{id}/members/{userId}", this::removeMember)
                .post("/conversations/{id}/owner", this::transferOwnership)
                .put("/conversations/{id}/settings", this::changeSettings);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var created = conversations.create(caller, Json.read(req, ConversationRequestBodies.CreateConversation.class));
        Responses.json(res, created.created() ? Status.CREATED_201 : Status.OK_200, created.conversation());
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        boolean archived = req.query().first("archived").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("invalid_archived", "archived must be true or false");
        }).orElse(false);
        Responses.json(res, Status.OK_200, conversations.list(caller, Paging.of(req), archived));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        Responses.json(res, Status.OK_200, conversations.get(caller, id(req)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String id = id(req);
        conversations.requireMember(caller.userId(), id);
        Responses.json(res, Status.OK_200, conversations.update(caller, id, Json.read(req, ConversationRequestBodies.UpdateGroup.class)));
    }

    private void changeRole(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String id = id(req);
        conversations.requireMember(caller.userId(), id);
        var request = Json.read(req, ConversationRequestBodies.ChangeRole.class);
        Responses.json(res, Status.OK_200, conversations.changeRole(caller, id, req.path().pathParameters().get("userId"),
                request.parsed()));
    }

    private void transferOwnership(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String id = id(req);
        conversations.requireMember(caller.userId(), id);
        var request = Json.read(req, ConversationRequestBodies.TransferOwnership.class);
        Responses.json(res, Status.OK_200, conversations.transferOwnership(caller, id, request.userId()));
    }

    private void changeSettings(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String id = id(req);
        conversations.requireMember(caller.userId(), id);
        Responses.json(res, Status.OK_200, conversations.changeSettings(caller, id,
                Json.read(req, ConversationRequestBodies.ChangeSettings.class)));
    }

    private void members(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        Responses.json(res, Status.OK_200, conversations.members(caller, id(req), Paging.of(req)));
    }

    private void addMembers(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String id = id(req);
        conversations.requireMember(caller.userId(), id);
        Responses.json(res, Status.OK_200, conversations.addMembers(caller, id, Json.read(req, ConversationRequestBodies.AddMembers.class)));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        conversations.removeMember(caller, id(req), req.path().pathParameters().get("userId"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
