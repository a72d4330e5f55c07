package io.wechat.user.contacts;

import java.util.UUID;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.user.auth.Authenticator;
import io.wechat.user.web.Ids;
import io.wechat.user.web.Json;
import io.wechat.user.web.PageRequest;

/**
 * {@code /contacts} and {@code /blocks}.
 */
public final class ContactsHttp implements HttpService {
    private final Authenticator auth;
    private final ContactBook book;

    public ContactsHttp(Authenticator auth, ContactBook book) {
        this.auth = auth;
        this.book = book;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/contacts/requests", this::sendRequest)
                .get("/contacts/requests", this::listRequests)
                .post("/contacts/requests/{id}/accept", this::accept)
                .post("/contacts/requests/{id}/decline", this::decline)
                .delete("/contacts/requests/{id}", this::cancel)
                .get("/contacts", this::listContacts)
                .delete("/contacts/{userId}", this::removeContact)
                .get("/blocks", this::listBlocks)
                .post("/blocks/{userId}", this::block)
                .delete("/blocks/{userId}", this::unblock);
    }

    private void sendRequest(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        Json.send(res, Status.CREATED_201, book.sendRequest(me, Json.read(req, ContactBook.SendRequest.class)));
    }

    private void listRequests(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        var query = req.query();
        var direction = ContactBook.direction(query.contains("direction") ? query.get("direction") : null);
        Json.ok(res, book.pendingRequests(me, direction, PageRequest.from(query)));
    }

    private void accept(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        Json.ok(res, book.accept(me, requestId(req)));
    }

    private void decline(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        Json.ok(res, book.decline(me, requestId(req)));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        book.cancel(me, requestId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void listContacts(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        Json.ok(res, book.contacts(me, PageRequest.from(req.query())));
    }

    private void removeContact(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        book.removeContact(me, Ids.pathId(req.path().pathParameters().get("userId"), "contact_not_found", "contact"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void listBlocks(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        Json.ok(res, book.blocks(me, PageRequest.from(req.query())));
    }

    private void block(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        book.block(me, userId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void unblock(ServerRequest req, ServerResponse res) {
        UUID me = auth.userId(req);
        book.unblock(me, userId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static UUID requestId(ServerRequest req) {
        return Ids.pathId(req.path().pathParameters().get("id"), "request_not_found", "contact request");
    }

    private static UUID userId(ServerRequest req) {
        return Ids.pathId(req.path().pathParameters().get("userId"), "user_not_found", "user");
    }
}
