package io.wechat.media.catalog;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Responses;

/** {@code POST /media/uploads} and {@code GET /media/{mediaId}}. */
public final class MediaHttp implements HttpService {
    private final Authenticator auth;
    private final MediaService media;

    public MediaHttp(Authenticator auth, MediaService media) {
        this.auth = auth;
        this.media = media;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/media/uploads", this::upload)
                .get("/media/{mediaId}", this::get);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        UploadResponse upload = media.reserve(caller, Json.read(req, UploadRequest.class));
        res.header(HeaderNames.LOCATION, "/media/" + upload.mediaId());
        Responses.json(res, Status.CREATED_201, upload);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        Responses.json(res, Status.OK_200, media.view(caller, req.path().pathParameters().get("mediaId")));
    }
}
