package io.wechat.user.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import io.helidon.webserver.WebServer;
import io.wechat.user.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ClientAddressTest {
    private static final String EDGE_SECRET = "edge-secret-of-this-start";
    private static final String CLOUDFRONT_SECRET = "cloudfront-origin-secret";
    private static WebServer aws;
    private static WebServer local;
    private static WebServer blankSecret;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        aws = echo(new ClientAddress(Gateway.of(Optional.empty()), Optional.of(CLOUDFRONT_SECRET)));
        local = echo(new ClientAddress(Gateway.of(Optional.of(EDGE_SECRET)), Optional.empty()));
        blankSecret = echo(new ClientAddress(Gateway.of(Optional.of(" ")), Optional.empty()));
    }

    @AfterAll
    static void stop() {
        aws.stop();
        local.stop();
        blankSecret.stop();
    }

    @Test
    void forwardedForIsNeverBelieved() throws Exception {
        assertThat(get(aws, "X-Forwarded-For", "203.0.113.9"), is("127.0.0.1"));
        assertThat(get(aws, "X-Forwarded-For", "203.0.113.9, 198.51.100.1"), is("127.0.0.1"));
    }

    @Test
    void theGatewaysSourceIpIsUsed() throws Exception {
        assertThat(get(aws, "x-amzn-request-context", TestService.requestContext("198.51.100.20")), is("198.51.100.20"));
        assertThat(get(aws, "x-amzn-request-context", "not json"), is("127.0.0.1"));
    }

    @Test
    void anEmptyOrImplausiblyLongSourceIpIsNotTaken() throws Exception {
        String longest = "2001:db8:" + "0".repeat(55);
        assertThat(longest.length(), is(64));
        assertThat(get(aws, "x-amzn-request-context", TestService.requestContext(longest)), is(longest));
        assertThat(get(aws, "x-amzn-request-context", TestService.requestContext(longest + "0")), is("127.0.0.1"));
        assertThat(get(aws, "x-amzn-request-context", TestService.requestContext("")), is("127.0.0.1"));
        assertThat(get(aws, "x-amzn-request-context", "{\"http\":{}}"), is("127.0.0.1"));
    }

    @Test
    void locallyTheRequestContextCountsOnlyWithTheEdgesSecret() throws Exception {
        assertThat(get(local, "x-amzn-request-context", TestService.requestContext("198.51.100.20")), is("127.0.0.1"));
        assertThat(get(local, "x-amzn-request-context", TestService.requestContext("198.51.100.20"),
                       "X-Edge-Secret", "guessed"), is("127.0.0.1"));
        assertThat(get(local, "x-amzn-request-context", TestService.requestContext("198.51.100.20"),
                       "X-Edge-Secret", EDGE_SECRET), is("198.51.100.20"));
    }

    @Test
    void aBlankEdgeSecretIsNoSecretAsInAws() throws Exception {
        assertThat(get(blankSecret, "x-amzn-request-context", TestService.requestContext("198.51.100.20")),
                   is("198.51.100.20"));
    }

    @Test
    void cloudFrontsViewerAddressOnlyWithItsOriginSecret() throws Exception {
        String context = TestService.requestContext("130.176.0.1");
        assertThat(get(aws, "x-amzn-request-context", context, "CloudFront-Viewer-Address", "198.51.100.10:46532"),
                   is("130.176.0.1"));
        assertThat(get(aws, "x-amzn-request-context", context, "CloudFront-Viewer-Address", "198.51.100.10:46532",
                       "X-Origin-Verify", "wrong"), is("130.176.0.1"));
        assertThat(get(aws, "x-amzn-request-context", context, "CloudFront-Viewer-Address", "198.51.100.10:46532",
                       "X-Origin-Verify", CLOUDFRONT_SECRET), is("198.51.100.10"));
        assertThat(get(aws, "x-amzn-request-context", context, "CloudFront-Viewer-Address", "2001:db8::7:46532",
                       "X-Origin-Verify", CLOUDFRONT_SECRET), is("2001:db8::7"));
    }

    @Test
    void aViewerAddressWithoutItsPortIsNotTaken() throws Exception {
        String context = TestService.requestContext("130.176.0.1");
        for (String viewer : new String[] {"198.51.100.10", ":46532", " :46532"}) {
            assertThat(viewer, get(aws, "x-amzn-request-context", context, "CloudFront-Viewer-Address", viewer,
                                   "X-Origin-Verify", CLOUDFRONT_SECRET), is("130.176.0.1"));
        }
    }

    private static WebServer echo(ClientAddress clientAddress) {
        return WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/", (req, res) -> res.send(clientAddress.of(req))))
                .build().start();
    }

    private String get(WebServer server, String... headers) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .headers(headers).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
