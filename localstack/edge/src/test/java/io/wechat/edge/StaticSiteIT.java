package io.wechat.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web app from a bucket in the real emulator, through a real edge, as CloudFront's default behaviour serves it. */
class StaticSiteIT {
    private static final String PAGE = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final String BUCKET = TestCloud.name("web");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static S3Client s3;
    private static Upstream upstream;
    private static Edge edge;

    @BeforeAll
    static void start() throws Exception {
        s3 = TestCloud.s3();
        s3.createBucket(r -> r.bucket(BUCKET));
        put("index.html", "<!doctype html><title>v1</title>", "text/html; charset=utf-8", "no-cache");
        put("assets/index-3f2a1b.js", "console.log(1)", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable");
        put("favicon.svg", "<svg/>", null, null);
        upstream = new Upstream();
        // No cache lifetime: every request revalidates with the ETag, so an upload shows at once.
        edge = TestEdge.start(upstream, TestEdge.outputs(), Map.of("WEB_BUCKET", BUCKET, "WEB_CACHE_TTL_MILLIS", "0",
                                                                    "AWS_ENDPOINT_URL", TestCloud.endpoint()));
    }

    @AfterAll
    static void stop() {
        edge.close();
        upstream.close();
        s3.listObjectsV2(r -> r.bucket(BUCKET)).contents().forEach(o -> s3.deleteObject(r -> r.bucket(BUCKET).key(o.key())));
        s3.deleteBucket(r -> r.bucket(BUCKET));
        s3.close();
    }

    private static void put(String key, String body, String contentType, String cacheControl) {
        s3.putObject(r -> r.bucket(BUCKET).key(key).contentType(contentType).cacheControl(cacheControl),
                     RequestBody.fromBytes(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path)).header("Accept", accept).build(),
                           HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void servesIndexHtmlAtTheRootWithoutCaching() throws Exception {
        HttpResponse<String> response = get("/", PAGE);
        assertEquals(200, response.statusCode());
        assertEquals("<!doctype html><title>v1</title>", response.body());
        assertEquals("text/html; charset=utf-8", header(response, "Content-Type"));
        assertEquals("no-cache", header(response, "Cache-Control"));
    }

    @Test
    void servesHashedAssetsImmutableWithAnEtag() throws Exception {
        HttpResponse<String> response = get("/assets/index-3f2a1b.js", "*/*");
        assertEquals(200, response.statusCode());
        assertEquals("console.log(1)", response.body());
        assertEquals("text/javascript; charset=utf-8", header(response, "Content-Type"));
        assertEquals("public, max-age=31536000, immutable", header(response, "Cache-Control"));
        String etag = header(response, "ETag");
        assertTrue(etag != null && etag.startsWith("\""), "an ETag: " + etag);

        HttpResponse<String> again = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port()
                + "/assets/index-3f2a1b.js")).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void guessesTheContentTypeOfAnObjectStoredWithout() throws Exception {
        HttpResponse<String> response = get("/favicon.svg", "*/*");
        assertEquals(200, response.statusCode());
        assertEquals("image/svg+xml", header(response, "Content-Type"));
        assertEquals("no-cache", header(response, "Cache-Control"));
    }

    @Test
    void answersHeadWithTheLengthAndNoBody() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port()
                + "/assets/index-3f2a1b.js")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("14", header(response, "Content-Length"));
        assertEquals("", response.body());
    }

    @Test
    void clientSideRoutesGetIndexHtmlAndMissingFilesA404() throws Exception {
        HttpResponse<String> route = get("/chats/42", PAGE);
        assertEquals(200, route.statusCode());
        assertEquals("<!doctype html><title>v1</title>", route.body());
        assertEquals("no-cache", header(route, "Cache-Control"));

        assertEquals(404, get("/assets/missing-000000.js", PAGE).statusCode(), "a file with an extension is not a route");
        assertEquals(404, get("/chats/42", "application/json").statusCode(), "not a page request");
    }

    @Test
    void apiPathsKeepTheApisAnswers() throws Exception {
        HttpResponse<String> unauthorized = get("/users/me", PAGE);
        assertEquals(401, unauthorized.statusCode(), "the JWT authorizer, not index.html");
        assertEquals("{\"message\":\"Unauthorized\"}", unauthorized.body());
        assertEquals(404, get("/users/me/nothing/here", PAGE).statusCode(), "an API path without a route is the API's 404");
        assertEquals("{\"message\":\"Not Found\"}", get("/users/me/nothing/here", PAGE).body());
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, post.statusCode(), "the default behaviour takes GET and HEAD only");
        assertEquals(200, get("/observe/health", "*/*").statusCode(), "the edge's health stays its own");
    }

    @Test
    void aNewUploadIsServedOnceItsEtagChanges() throws Exception {
        put("version.txt", "one", "text/plain; charset=utf-8", "no-cache");
        assertEquals("one", get("/version.txt", "*/*").body());
        put("version.txt", "two", "text/plain; charset=utf-8", "no-cache");
        assertEquals("two", get("/version.txt", "*/*").body());
        s3.deleteObject(r -> r.bucket(BUCKET).key("version.txt"));
        assertEquals(404, get("/version.txt", "*/*").statusCode());
    }
}
