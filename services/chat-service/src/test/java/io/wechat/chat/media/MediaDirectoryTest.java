package io.wechat.chat.media;

import java.net.URI;
import java.time.Duration;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The answers the Pact does not pin down: someone else's media, media-service failing or unreachable. */
class MediaDirectoryTest {
    private static final Caller CALLER = new Caller("u-1", "Bearer t");
    private static WebServer stub;

    @BeforeAll
    static void start() {
        stub = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/media/mine", (req, res) -> res.header(HeaderValues.CONTENT_TYPE_JSON)
                        .send("{\"mediaId\":\"mine\",\"status\":\"ready\",\"ownerId\":\"u-1\"}"))
                .get("/media/theirs", (req, res) -> res.header(HeaderValues.CONTENT_TYPE_JSON)
                        .send("{\"mediaId\":\"theirs\",\"status\":\"ready\",\"ownerId\":\"u-9\"}"))
                .get("/media/broken", (req, res) -> res.status(Status.INTERNAL_SERVER_ERROR_500).send()))
                .build().start();
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    private static MediaDirectory directory(String url) {
        return new MediaDirectory(WebClient.builder().baseUri(URI.create(url))
                .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(1)).build());
    }

    private static ApiException refused(String url, String mediaId, Caller caller) {
        return assertThrows(ApiException.class, () -> directory(url).requireSendable(mediaId, caller));
    }

    @Test
    void onlyTheSendersReadyMediaPasses() {
        String url = "http://127.0.0.1:" + stub.port();
        directory(url).requireSendable("mine", CALLER);
        assertThat(refused(url, "theirs", CALLER).code(), is("invalid_media"));
        assertThat(refused(url, "mine", new Caller("u-1", "")).code(), is("media_requires_http"));
    }

    @Test
    void mediaServiceFailingOrUnreachableIs503() {
        assertThat(refused("http://127.0.0.1:" + stub.port(), "broken", CALLER).status().code(), is(503));
        assertThat(refused("http://127.0.0.1:9", "mine", CALLER).status().code(), is(503));
    }
}
