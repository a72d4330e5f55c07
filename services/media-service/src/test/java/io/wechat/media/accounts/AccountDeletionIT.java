package io.wechat.media.accounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.events.SqsBatch;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.kit.web.Json;
import io.wechat.media.storage.ObjectKeys;
import io.wechat.media.support.MediaServiceFixture;
import io.wechat.media.support.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * user.deleted through media-service's {@code POST /events} against the emulator's bucket and table: every version
 * of the user's uploads, their thumbnails and records are erased; another user's media stays.
 */
class AccountDeletionIT {
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
    void aDeletedUsersMediaIsErasedEverywhereAndOthersStay() throws Exception {
        String leaving = TestIssuer.newUser();
        String member = TestIssuer.newUser();
        String conversationId = "c-" + UUID.randomUUID();
        fx.chat.addMembers(conversationId, leaving, member);
        String theirs = readyImage(leaving, conversationId);
        String others = readyImage(member, conversationId);
        assertThat(versions(ObjectKeys.thumbnail(theirs)), is(1));

        String deleted = Json.write(Map.of("eventId", UUID.randomUUID().toString(), "type", "user.deleted",
                                           "version", 1, "occurredAt", "2026-12-01T15:00:00.000Z",
                                           "payload", Map.of("userId", leaving)));
        for (int delivery = 0; delivery < 2; delivery++) {
            Api.Response answer = fx.post(List.of(new SqsBatch.Record("m-deleted-" + delivery, deleted)));
            assertThat(answer.toString(), answer.body().path("batchItemFailures").size(), is(0));
        }

        assertThat(versions(ObjectKeys.upload(leaving, "")), is(0));
        assertThat(versions(ObjectKeys.thumbnail(theirs)), is(0));
        for (String viewer : List.of(leaving, member)) {
            assertThat(api.get("/media/" + theirs, fx.identity.token(viewer)).status(), is(404));
        }
        assertThat(api.get("/media/" + others, fx.identity.token(leaving)).status(), is(200));
        assertThat(versions(ObjectKeys.upload(member, others)), is(1));

        Api.Response broken = fx.post(List.of(new SqsBatch.Record("m-no-user",
                Json.write(Map.of("eventId", UUID.randomUUID().toString(), "type", "user.deleted", "version", 1,
                                  "occurredAt", "2026-12-01T15:00:00.000Z", "payload", Map.of())))));
        assertThat(broken.body().path("batchItemFailures").get(0).path("itemIdentifier").asText(), is("m-no-user"));
    }

    private static String readyImage(String owner, String conversationId) throws Exception {
        byte[] png = TestFiles.image("png", 64, 48);
        Api.Response response = api.post("/media/uploads", fx.identity.token(owner), Map.of(
                "contentType", "image/png", "sizeBytes", png.length, "fileName", "p.png",
                "conversationId", conversationId));
        assertThat(response.toString(), response.status(), is(201));
        JsonNode upload = response.body();
        String mediaId = upload.path("mediaId").asText();
        Map<String, String> headers = new HashMap<>();
        upload.path("uploadHeaders").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        assertThat(TestFiles.put(upload.path("uploadUrl").asText(), headers, png), is(200));
        fx.deliverUploads(ObjectKeys.upload(owner, mediaId));
        assertThat(api.get("/media/" + mediaId, fx.identity.token(owner)).body().path("status").asText(), is("ready"));
        return mediaId;
    }

    private static int versions(String prefix) {
        return fx.s3.listObjectVersions(b -> b.bucket(fx.bucket).prefix(prefix)).versions().size();
    }
}
