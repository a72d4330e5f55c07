package io.wechat.chat.messages;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.limits.UserLimits;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Responses;

/** The message routes. */
public final class MessagesHttp implements HttpService {
    private final Authenticator auth;
    private final ConversationService conversations;
    private final MessageService messages;
    private final UserLimits limits;

    /** Without a per-user limit on sends (tests of other concerns). */
    public MessagesHttp(Authenticator auth, ConversationService conversations, MessageService messages) {
        this(auth, conversations, messages, UserLimits.NONE);
    }

    /** {@code limits}: each send takes one of the caller's sends (429 {@code rate_limited} beyond). */
    public MessagesHttp(Authenticator auth, ConversationService conversations, MessageService messages, UserLimits limits) {
        this.limits = limits;
        this.auth = auth;
        this.conversations = conversations;
        this.messages = messages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/conversations/{id}/messages", this::send)
                .get("/conversations/{id}/messages", this::history)
                .patch("/conversations/{id}/messages/{messageId}", this::edit)
                .delete("/conversations/{id}/messages/{messageId}", this::recall)
                .get("/messages/sent", this::sent);
    }

    private void send(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        limits.takeSend(caller.userId());
        var sent = messages.send(caller, id(req), Json.body(req));
        Responses.json(res, sent.created() ? Status.CREATED_201 : Status.OK_200, sent.message());
    }

    private void history(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var since = req.query().first("since").asOptional().filter(s -> !s.isBlank());
        Responses.json(res, Status.OK_200, messages.history(caller, id(req), Paging.of(req), since));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        String id = id(req);
        conversations.requireMember(caller.userId(), id);
        var request = Json.read(req, MessageRequestBodies.EditMessage.class);
        Responses.json(res, Status.OK_200, messages.edit(caller, id, messageId(req), request));
    }

    /** Recall for everyone, or with {@code ?for=me} delete for the caller only. */
    private void recall(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var scope = req.query().first("for").asOptional();
        if (scope.isEmpty()) {
            Responses.json(res, Status.OK_200, messages.recall(caller, id(req), messageId(req)));
        } else if ("me".equals(scope.get())) {
            messages.deleteForMe(caller, id(req), messageId(req));
            res.status(Status.NO_CONTENT_204).send();
        } else {
            throw ApiException.badRequest("invalid_for", "for must be \"me\" (or absent: recall for everyone)");
        }
    }

    private void sent(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        Responses.json(res, Status.OK_200, messages.sentByMe(caller, Paging.of(req)));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static String messageId(ServerRequest req) {
        return req.path().pathParameters().get("messageId");
    }
}
