package io.wechat.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.events.SqsBatch;
import io.helidon.webserver.WebServer;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.DynamoDbThrottling;
import io.wechat.kit.testing.TestCloud;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.Json;
import io.wechat.media.catalog.MediaStore;
import io.wechat.media.events.S3EventsHandler;
import io.wechat.media.events.SnsEventPublisher;
import io.wechat.media.storage.S3Urls;
import io.wechat.media.support.MediaServiceFixture;
import io.wechat.media.support.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The whole path against the emulator: presigned PUT, the bucket's ObjectCreated notification through the
 * uploads queue to {@code POST /events}, verification, thumbnail, events, and who may see the result.
 */
class MediaIT {
    private static MediaServiceFixture fx;
    private static Api api;

    @BeforeAll
    static void start() {
        fx = new MediaServiceFixture();
        api = fx.api;
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void anImageBecomesReadyWithAThumbnailAndOnlyItsConversationSeesIt() throws IOException {
        String owner = TestIssuer.newUser();
        String member = TestIssuer.newUser();
        String stranger = TestIssuer.newUser();
        String conversationId = "c-" + UUID.randomUUID();
        fx.chat.addMembers(conversationId, owner, member);
        byte[] png = TestFiles.image("png", 1200, 800);

        JsonNode upload = upload(owner, "image/png", png.length, "../holiday\u0007 photo.png", conversationId);
        String mediaId = upload.path("mediaId").asText();
        assertThat(upload.path("uploadMethod").asText(), is("PUT"));
        assertThat(upload.path("uploadHeaders").path("Content-Type").asText(), is("image/png"));
        assertThat(upload.path("uploadHeaders").path("Content-Length").asText(), is(Integer.toString(png.length)));
        assertThat(upload.path("uploadUrl").asText(), containsString("X-Amz-Expires=900"));

        JsonNode pending = api.get("/media/" + mediaId, fx.identity.token(owner)).body();
        assertThat(pending.path("status").asText(), is("pending"));
        assertThat(pending.path("url").isNull(), is(true));
        assertThat("a member sees nothing before it is ready",
                api.get("/media/" + mediaId, fx.identity.token(member)).status(), is(404));

        assertThat(TestFiles.put(upload.path("uploadUrl").asText(), headers(upload), png), is(200));
        var delivery = fx.deliverUploads("uploads/" + owner + "/" + mediaId);
        assertThat(delivery.response().toString(), delivery.response().body().path("batchItemFailures").size(), is(0));

        Api.Response ownerView = api.get("/media/" + mediaId, fx.identity.token(owner));
        JsonNode media = ownerView.body();
        assertThat(ownerView.toString(), ownerView.status(), is(200));
        assertThat(media.path("status").asText(), is("ready"));
        assertThat(media.path("ownerId").asText(), is(owner));
        assertThat(media.path("fileName").asText(), is("holiday_ photo.png"));
        assertThat(media.path("sizeBytes").asLong(), is((long) png.length));
        assertThat(media.path("width").asInt(), is(1200));
        assertThat(media.path("height").asInt(), is(800));
        Instant urlExpiresAt = Instant.parse(media.path("urlExpiresAt").asText());
        assertThat(urlExpiresAt, greaterThan(Instant.now()));
        assertThat(urlExpiresAt, lessThan(Instant.now().plus(Duration.ofMinutes(11))));

        assertArrayEquals(png, TestFiles.get(media.path("url").asText()).body());
        var thumbnailResponse = TestFiles.get(media.path("thumbnailUrl").asText());
        assertThat(thumbnailResponse.statusCode(), is(200));
        assertThat(thumbnailResponse.body().length, lessThan(png.length));
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(thumbnailResponse.body()));
        assertThat(thumbnail, notNullValue());
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight()), is(320));
        assertThat(thumbnail.getHeight(), is(213));

        List<Message> events = fx.events(Duration.ofSeconds(5));
        assertThat(events, hasSize(1));
        JsonNode event = Json.tree(events.get(0).body().getBytes());
        assertThat(event.path("type").asText(), is("media.ready"));
        assertThat(events.get(0).messageAttributes().get("type").stringValue(), is("media.ready"));
        assertThat(event.path("payload").path("mediaId").asText(), is(mediaId));
        assertThat(event.path("payload").path("ownerId").asText(), is(owner));
        assertThat(event.path("payload").path("conversationId").asText(), is(conversationId));

        Api.Response memberView = api.get("/media/" + mediaId, fx.identity.token(member));
        assertThat(memberView.toString(), memberView.status(), is(200));
        assertThat(memberView.body().path("url").asText(), containsString("X-Amz-Expires=600"));
        Api.Response strangerView = api.get("/media/" + mediaId, fx.identity.token(stranger));
        assertThat(strangerView.status(), is(404));
        assertThat(strangerView.errorCode(), is("media_not_found"));

        // Redelivery of the same notification: nothing changes, no second event.
        Api.Response again = fx.post(delivery.records());
        assertThat(again.body().path("batchItemFailures").size(), is(0));
        assertThat(api.get("/media/" + mediaId, fx.identity.token(owner)).body().path("status").asText(), is("ready"));
        assertThat(fx.eventsSoFar(), is(empty()));

        // A crash between the publish and its record: the redelivery publishes the same event again (same id and time).
        fx.dynamo.updateItem(u -> u.tableName(fx.table)
                .key(Map.of("pk", AttributeValue.fromS(MediaStore.pk(mediaId)), "sk", AttributeValue.fromS("META")))
                .updateExpression("SET event_published = :false")
                .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false))));
        assertThat(fx.post(delivery.records()).body().path("batchItemFailures").size(), is(0));
        List<Message> republished = fx.events(Duration.ofSeconds(5));
        assertThat(republished, hasSize(1));
        JsonNode republishedEvent = Json.tree(republished.get(0).body().getBytes());
        assertThat(republishedEvent.path("eventId").asText(), is(event.path("eventId").asText()));
        assertThat(republishedEvent.path("occurredAt").asText(), is(event.path("occurredAt").asText()));

        // A second PUT to the still valid URL (other bytes of the signed size, the only size S3 accepts) makes a new,
        // unverified version: its notification deletes it.
        String key = "uploads/" + owner + "/" + mediaId;
        String verified = fx.s3.headObject(b -> b.bucket(fx.bucket).key(key)).versionId();
        byte[] otherBytes = png.clone();
        otherBytes[otherBytes.length / 2] ^= 0x55;
        assertThat(TestFiles.put(upload.path("uploadUrl").asText(), headers(upload), otherBytes), is(200));
        String overwrite = fx.s3.headObject(b -> b.bucket(fx.bucket).key(key)).versionId();
        assertThat(overwrite.equals(verified), is(false));
        fx.deliverUploads(key);
        Api.Response overwriteEvent = fx.post(List.of(new SqsBatch.Record("m-overwrite", "{\"Records\":[{"
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + fx.bucket + "\"},"
                + "\"object\":{\"key\":\"" + key.replace("/", "%2F") + "\",\"size\":1,\"versionId\":\"" + overwrite + "\"}}}]}")));
        assertThat(overwriteEvent.body().path("batchItemFailures").size(), is(0));
        assertThat(fx.s3.headObject(b -> b.bucket(fx.bucket).key(key)).versionId(), is(verified));
        assertArrayEquals(png, TestFiles.get(api.get("/media/" + mediaId, fx.identity.token(owner)).body().path("url").asText()).body());
    }

    @Test
    void aPngDeclaredAsPdfIsRejectedAndDeleted() {
        String owner = TestIssuer.newUser();
        byte[] png = TestFiles.image("png", 64, 64);
        JsonNode upload = upload(owner, "application/pdf", png.length, "report.pdf", null);
        String mediaId = upload.path("mediaId").asText();
        String key = "uploads/" + owner + "/" + mediaId;
        assertThat(TestFiles.put(upload.path("uploadUrl").asText(), headers(upload), png), is(200));

        fx.deliverUploads(key);

        JsonNode media = api.get("/media/" + mediaId, fx.identity.token(owner)).body();
        assertThat(media.path("status").asText(), is("rejected"));
        assertThat(media.path("rejectionReason").asText(), is("type_mismatch"));
        assertThat(media.path("url").isNull(), is(true));
        assertDeleted(key);
        JsonNode event = Json.tree(fx.events(Duration.ofSeconds(5)).get(0).body().getBytes());
        assertThat(event.path("type").asText(), is("media.rejected"));
        assertThat(event.path("payload").path("reason").asText(), is("type_mismatch"));
    }

    @Test
    void theCloudRefusesExpiredAndTamperedUrlsAndHonoursValidOnes() throws Exception {
        String owner = TestIssuer.newUser();
        byte[] png = TestFiles.image("png", 32, 32);
        JsonNode upload = upload(owner, "image/png", png.length, "signed.png", null);
        String mediaId = upload.path("mediaId").asText();
        String key = "uploads/" + owner + "/" + mediaId;
        String uploadUrl = upload.path("uploadUrl").asText();

        Map<String, String> otherType = new HashMap<>(headers(upload));
        otherType.put("Content-Type", "text/html");
        assertThat("a signed header sent otherwise", TestFiles.put(uploadUrl, otherType, png), is(403));
        assertThat("a longer lifetime written in", TestFiles.put(uploadUrl.replace("X-Amz-Expires=", "X-Amz-Expires=9"),
                headers(upload), png), is(403));
        assertThat("another key", TestFiles.put(uploadUrl.replace(mediaId, UUID.randomUUID().toString()),
                headers(upload), png), is(403));
        assertThat(TestFiles.put(uploadUrl, headers(upload), png), is(200));
        fx.deliverUploads(key);
        assertThat(onlyEvent("media.ready").path("payload").path("mediaId").asText(), is(mediaId));

        String url = api.get("/media/" + mediaId, fx.identity.token(owner)).body().path("url").asText();
        HttpResponse<byte[]> valid = TestFiles.get(url);
        assertThat(valid.statusCode(), is(200));
        assertArrayEquals(png, valid.body());
        HttpResponse<byte[]> tampered = TestFiles.get(withAnotherSignature(url));
        assertThat(tampered.statusCode(), is(403));
        assertThat(new String(tampered.body()), containsString("SignatureDoesNotMatch"));

        // media-service's own URL code with a lifetime of one second, used after it.
        S3Urls shortLived = new S3Urls(fx.clients.presigner(), fx.bucket, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Clock.systemUTC());
        String expiring = shortLived.download(key, null).url();
        Thread.sleep(2_000);
        HttpResponse<byte[]> expired = TestFiles.get(expiring);
        assertThat(expired.statusCode(), is(403));
        assertThat(new String(expired.body()), containsString("Request has expired"));
    }

    @Test
    void aDynamoDbThrottleIs429WithRetryAfter() throws Exception {
        Main.Clients throttledClients = new Main.Clients(fx.clients.s3(), fx.clients.presigner(), DynamoDbThrottling.client());
        Clock clock = Clock.systemUTC();
        Main.Services throttled = Main.services(fx.settings, throttledClients,
                Main.downloadUrls(fx.settings, throttledClients, TestCloud.HTTP, clock), new SnsEventPublisher(fx.sns, fx.topicArn),
                clock);
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .update(builder -> Main.server(builder, throttled)).build().start();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/media/" + UUID.randomUUID()))
                    .header("Authorization", "Bearer " + fx.identity.token(TestIssuer.newUser())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body(), response.statusCode(), is(429));
            assertThat(response.headers().firstValue("Retry-After").orElse(""), is("1"));
            assertThat(Json.tree(response.body().getBytes()).path("error").path("code").asText(), is("throttled"));
        } finally {
            server.stop();
        }
    }

    @Test
    void anUploadOfAnotherSizeIsRejected() {
        String owner = TestIssuer.newUser();
        byte[] jpeg = TestFiles.image("jpeg", 200, 100);
        JsonNode upload = upload(owner, "image/jpeg", jpeg.length + 10, "photo.jpg", null);
        String mediaId = upload.path("mediaId").asText();
        String key = "uploads/" + owner + "/" + mediaId;
        // S3 refuses a presigned PUT of another size (the URL is signed over Content-Length) ...
        assertThat(TestFiles.put(upload.path("uploadUrl").asText(), headers(upload), jpeg), is(403));
        // ... and should an object of another size reach the bucket all the same, the verifier catches it.
        fx.s3.putObject(b -> b.bucket(fx.bucket).key(key).contentType("image/jpeg"), RequestBody.fromBytes(jpeg));

        fx.deliverUploads(key);

        JsonNode media = api.get("/media/" + mediaId, fx.identity.token(owner)).body();
        assertThat(media.path("status").asText(), is("rejected"));
        assertThat(media.path("rejectionReason").asText(), is("size_mismatch"));
        assertDeleted(key);
        JsonNode event = onlyEvent("media.rejected");
        assertThat(event.path("payload").path("reason").asText(), is("size_mismatch"));
    }

    @Test
    void outstandingReservationsPerUserAreLimitedInCountAndBytes() throws Exception {
        String counter = TestIssuer.newUser();
        for (int i = 0; i < Main.OUTSTANDING_UPLOADS_PER_USER; i++) {
            upload(counter, "image/png", 1000, "p" + i + ".png", null);
        }
        HttpResponse<String> oneTooMany = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fx.server.port() + "/media/uploads"))
                .header("Authorization", "Bearer " + fx.identity.token(counter))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request("image/png", 1000, "x.png", null)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneTooMany.body(), oneTooMany.statusCode(), is(429));
        assertThat(oneTooMany.body(), Json.tree(oneTooMany.body().getBytes()).path("error").path("code").asText(),
                is("quota_exceeded"));
        assertThat(Integer.parseInt(oneTooMany.headers().firstValue("Retry-After").orElse("0")), greaterThan(0));

        String hoarder = TestIssuer.newUser();
        upload(hoarder, "video/mp4", 200L * 1024 * 1024, "a.mp4", null);
        upload(hoarder, "video/mp4", 200L * 1024 * 1024, "b.mp4", null);
        Api.Response tooManyBytes = api.post("/media/uploads", fx.identity.token(hoarder), request("image/png", 1000, "c.png", null));
        assertThat(tooManyBytes.toString(), tooManyBytes.status(), is(429));
    }

    @Test
    void aVerifiedUploadNoLongerCountsAgainstTheUser() {
        String owner = TestIssuer.newUser();
        byte[] png = TestFiles.image("png", 16, 16);
        for (int i = 0; i < Main.OUTSTANDING_UPLOADS_PER_USER - 1; i++) {
            upload(owner, "image/png", 1000, "p" + i + ".png", null);
        }
        JsonNode last = upload(owner, "image/png", png.length, "last.png", null);
        assertThat(api.post("/media/uploads", fx.identity.token(owner), request("image/png", 1000, "x.png", null)).status(), is(429));

        assertThat(TestFiles.put(last.path("uploadUrl").asText(), headers(last), png), is(200));
        fx.deliverUploads("uploads/" + owner + "/" + last.path("mediaId").asText());
        assertThat(onlyEvent("media.ready").path("payload").path("mediaId").asText(), is(last.path("mediaId").asText()));

        assertThat(api.post("/media/uploads", fx.identity.token(owner), request("image/png", 1000, "x.png", null)).status(), is(201));
    }

    @Test
    void uploadRequestsAreChecked() {
        String owner = TestIssuer.newUser();
        String token = fx.identity.token(owner);
        assertThat(api.post("/media/uploads", null, request("image/png", 10, "a.png", null)).status(), is(401));
        assertThat(api.post("/media/uploads", "not-a-token", request("image/png", 10, "a.png", null)).status(), is(401));
        assertThat(api.post("/media/uploads", token, request("text/html", 10, "a.html", null)).errorCode(),
                is("unsupported_content_type"));
        Api.Response tooLarge = api.post("/media/uploads", token, request("image/png", 21L * 1024 * 1024, "a.png", null));
        assertThat(tooLarge.status(), is(400));
        assertThat(tooLarge.errorCode(), is("file_too_large"));
        assertThat(api.post("/media/uploads", token, request("image/png", 0, "a.png", null)).errorCode(), is("invalid_size"));
        assertThat(api.raw("POST", "/media/uploads", token, "{not json").status(), is(400));
        assertThat(api.raw("POST", "/media/uploads", token, "{\"contentType\":\"image/png\",\"sizeBytes\":\"ten\",\"fileName\":\"a\"}")
                .status(), is(400));
        Api.Response notMember = api.post("/media/uploads", token, request("image/png", 10, "a.png", "c-" + UUID.randomUUID()));
        assertThat(notMember.status(), is(404));
        assertThat(notMember.errorCode(), is("conversation_not_found"));
        assertThat(api.raw("POST", "/media/uploads", token, "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}").status(), is(413));
        assertThat(api.get("/media/" + UUID.randomUUID(), token).status(), is(404));
        assertThat(api.get("/media/" + UUID.randomUUID(), null).status(), is(401));
    }

    @Test
    void theMediaOfAMessageAModeratorRemovedIsNoLongerServed() {
        String owner = TestIssuer.newUser();
        String member = TestIssuer.newUser();
        String conversationId = "c-" + UUID.randomUUID();
        fx.chat.addMembers(conversationId, owner, member);
        byte[] png = TestFiles.image("png", 64, 64);
        JsonNode upload = upload(owner, "image/png", png.length, "removed.png", conversationId);
        String mediaId = upload.path("mediaId").asText();
        assertThat(TestFiles.put(upload.path("uploadUrl").asText(), headers(upload), png), is(200));
        fx.deliverUploads("uploads/" + owner + "/" + mediaId);
        assertThat(onlyEvent("media.ready").path("payload").path("mediaId").asText(), is(mediaId));
        assertThat(api.get("/media/" + mediaId, fx.identity.token(member)).status(), is(200));

        String removed = Json.write(Map.of("eventId", UUID.randomUUID().toString(), "type", "message.removed", "version", 1,
                "occurredAt", "2026-12-01T15:00:00.000Z", "payload", Map.of("conversationId", conversationId,
                        "messageId", "m-1", "senderId", owner, "seq", 1, "mediaId", mediaId, "removedBy", "u-admin",
                        "reason", "graphic", "recipients", List.of(owner, member))));
        String textRemoved = Json.write(Map.of("eventId", UUID.randomUUID().toString(), "type", "message.removed",
                "version", 1, "occurredAt", "2026-12-01T15:00:00.000Z", "payload", Map.of("conversationId", conversationId,
                        "messageId", "m-2", "senderId", owner, "seq", 2, "removedBy", "u-admin", "reason", "rude",
                        "recipients", List.of(owner, member))));
        for (int delivery = 0; delivery < 2; delivery++) {
            Api.Response answer = fx.post(List.of(new SqsBatch.Record("m-removed-" + delivery, removed),
                    new SqsBatch.Record("m-text-" + delivery, textRemoved)));
            assertThat(answer.toString(), answer.body().path("batchItemFailures").size(), is(0));
        }
        for (String viewer : List.of(owner, member)) {
            Api.Response gone = api.get("/media/" + mediaId, fx.identity.token(viewer));
            assertThat(gone.status(), is(404));
            assertThat(gone.errorCode(), is("media_not_found"));
        }
        Api.Response broken = fx.post(List.of(new SqsBatch.Record("m-broken-envelope",
                "{\"eventId\":\"e-1\",\"type\":\"message.removed\"}")));
        assertThat(broken.body().path("batchItemFailures").get(0).path("itemIdentifier").asText(), is("m-broken-envelope"));
    }

    @Test
    void eventsEndpointAnswersBatchFailuresAndIgnoresTestEvents() {
        Api.Response response = fx.post(List.of(
                new SqsBatch.Record("m-test",
                        "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + fx.bucket + "\"}"),
                new SqsBatch.Record("m-broken", "not json"),
                new SqsBatch.Record("m-thumbnail", "{\"Records\":[{\"eventName\":"
                        + "\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + fx.bucket + "\"},\"object\":"
                        + "{\"key\":\"thumbnails/x.jpg\",\"size\":1}}}]}")));
        assertThat(response.status(), is(200));
        assertThat(response.body().path("batchItemFailures").size(), is(1));
        assertThat(response.body().path("batchItemFailures").get(0).path("itemIdentifier").asText(), is("m-broken"));
        assertThat(api.raw("POST", "/events", null, "{\"nope\":1}").status(), is(400));
    }

    @Test
    void healthChecksTheBucketAndTable() {
        Api.Response health = api.get("/observe/health", null);
        assertThat(health.toString(), health.status(), is(200));
        assertThat(health.body().path("status").asText(), is("UP"));
        assertThat(health.body().path("checks").size(), greaterThan(0));
    }

    private void assertDeleted(String key) {
        S3Exception gone = assertThrows(S3Exception.class, () -> fx.s3.headObject(b -> b.bucket(fx.bucket).key(key)));
        assertThat(gone.statusCode(), is(404));
    }

    /** The URL with the first digit of its signature changed. */
    private static String withAnotherSignature(String url) {
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char other = url.charAt(at) == '0' ? '1' : '0';
        return url.substring(0, at) + other + url.substring(at + 1);
    }

    /** The one event published so far, of this type (its SNS type attribute too). */
    private static JsonNode onlyEvent(String type) {
        List<Message> events = fx.eventsSoFar();
        assertThat(events, hasSize(1));
        assertThat(events.get(0).messageAttributes().get("type").stringValue(), is(type));
        JsonNode event = Json.tree(events.get(0).body().getBytes());
        assertThat(event.path("type").asText(), is(type));
        return event;
    }

    private static JsonNode upload(String owner, String contentType, long size, String fileName, String conversationId) {
        Api.Response response = api.post("/media/uploads", fx.identity.token(owner),
                request(contentType, size, fileName, conversationId));
        assertThat(response.toString(), response.status(), is(201));
        assertThat(response.body().path("mediaId").asText(null), notNullValue());
        assertThat(response.body().path("status").asText(), is("pending"));
        return response.body();
    }

    private static Map<String, Object> request(String contentType, long size, String fileName, String conversationId) {
        Map<String, Object> body = new HashMap<>(Map.of("contentType", contentType, "sizeBytes", size, "fileName", fileName));
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        return body;
    }

    private static Map<String, String> headers(JsonNode upload) {
        Map<String, String> headers = new HashMap<>();
        upload.path("uploadHeaders").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }
}
