package io.wechat.chat.search;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Responses;

/** {@code GET /messages/search?query&conversationId?&cursor&limit}. */
public final class SearchHttp implements HttpService {
    private final Authenticator auth;
    private final SearchService search;

    public SearchHttp(Authenticator auth, SearchService search) {
        this.auth = auth;
        this.search = search;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/messages/search", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var query = req.query();
        Responses.json(res, Status.OK_200, search.search(caller, query.first("query").orElse(null),
                query.first("conversationId").asOptional(), Paging.of(req)));
    }
}
