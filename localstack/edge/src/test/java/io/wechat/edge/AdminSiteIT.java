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

/**
 * The admin app on an origin of its own (its own port and bucket, as its own CloudFront distribution in AWS), next to
 * the web app on the edge's port, and the API answering the admin origin through CORS.
 */
class AdminSiteIT {
    private static final String PAGE = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final String WEB_BUCKET = TestCloud.name("web");
    private static final String ADMIN_BUCKET = TestCloud.name("admin");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static S3Client s3;
    private static Upstream upstream;
    private static Edge edge;
    private static String adminOrigin;

    @BeforeAll
    static void start() throws Exception {
        s3 = TestCloud.s3();
        for (String bucket : new String[] {WEB_BUCKET, ADMIN_BUCKET}) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        put(WEB_BUCKET, "index.html", "<title>web</title>");
        put(ADMIN_BUCKET, "index.html", "<title>admin</title>");
        put(ADMIN_BUCKET, "config.json", "{\"apiUrl\":\"http://localhost:8080\"}");
        upstream = new Upstream();
        String adminPort = TestEdge.freePort();
        adminOrigin = "http://localhost:" + adminPort;
        edge = TestEdge.start(upstream, TestEdge.outputs(), Map.of(
                "WEB_BUCKET", WEB_BUCKET, "ADMIN_BUCKET", ADMIN_BUCKET, "ADMIN_PORT", adminPort,
                "CORS_ALLOWED_ORIGINS", adminOrigin, "WEB_CACHE_TTL_MILLIS", "0", "AWS_ENDPOINT_URL", TestCloud.endpoint()));
    }

    @AfterAll
    static void stop() {
        edge.close();
        upstream.close();
        for (String bucket : new String[] {WEB_BUCKET, ADMIN_BUCKET}) {
            s3.listObjectsV2(r -> r.bucket(bucket)).contents().forEach(o -> s3.deleteObject(r -> r.bucket(bucket).key(o.key())));
            s3.deleteBucket(r -> r.bucket(bucket));
        }
        s3.close();
    }

    private static void put(String bucket, String key, String body) {
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.adminPort() + path)).header("Accept", PAGE);
    }

    @Test
    void eachOriginServesItsOwnBucket() throws Exception {
        assertEquals("<title>admin</title>", send(admin("/")).body());
        assertEquals("<title>web</title>", send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/"))
                .header("Accept", PAGE)).body());
        HttpResponse<String> config = send(admin("/config.json"));
        assertEquals(200, config.statusCode());
        assertEquals("application/json", config.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void theAdminOriginHasNoApiBehaviourSoEveryPageIsTheApp() throws Exception {
        HttpResponse<String> route = send(admin("/users"));
        assertEquals(200, route.statusCode(), "a client-side route of the admin app, though /users is an API path on the web origin");
        assertEquals("<title>admin</title>", route.body());
        assertEquals(404, send(admin("/assets/missing-000000.js")).statusCode());
    }

    @Test
    void methodsOtherThanGetAndHeadAreRefused() throws Exception {
        HttpResponse<String> post = send(admin("/auth/login").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, post.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", post.body());
    }

    @Test
    void theApiAllowsTheAdminOriginExactly() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/users/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", adminOrigin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization"));
        assertEquals(adminOrigin, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", preflight.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));

        HttpResponse<String> other = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/users/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:1").header("Access-Control-Request-Method", "GET"));
        assertEquals(null, other.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "no other origin");
    }
}
