package io.wechat.kit.web;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** JSON responses written with the service's one ObjectMapper. */
public final class Responses {
    private Responses() {
    }

    public static void json(ServerResponse res, Status status, Object body) {
        res.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(Json.write(body));
    }
}
