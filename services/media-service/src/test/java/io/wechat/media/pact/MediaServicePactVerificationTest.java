package io.wechat.media.pact;

import java.util.HashMap;
import java.util.Map;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.IgnoreNoPactsToVerify;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.kit.testing.Api;
import io.wechat.kit.testing.TestIssuer;
import io.wechat.media.support.MediaServiceFixture;
import io.wechat.media.support.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Verifies every pact in {@code contracts/} naming media-service as provider (run by {@code make contracts};
 * {@code -Dpact.folder=DIR} reads another folder) against the real service of the test fixture (bucket, table,
 * topic and queues on the emulator). Provider states upload real media through the API and the presigned URL,
 * and answer their ids and the owner's token to the pact's provider-state expressions.
 */
@Provider("media-service")
@PactFolder("${pact.folder:../../contracts}")
@IgnoreNoPactsToVerify
class MediaServicePactVerificationTest {
    private static MediaServiceFixture fixture;

    @BeforeEach
    void target(PactVerificationContext context) {
        if (context != null) {
            context.setTarget(new HttpTestTarget("127.0.0.1", fixture().server.port()));
        }
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context) {
        if (context == null) {
            return; // no pact names media-service
        }
        context.verifyInteraction();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    @State("media m-1 is ready and owned by u-1")
    Map<String, Object> readyMedia() {
        String owner = TestIssuer.newUser();
        byte[] png = TestFiles.image("png", 64, 48);
        JsonNode upload = upload(owner, png.length);
        String mediaId = upload.path("mediaId").asText();
        Map<String, String> headers = new HashMap<>();
        upload.path("uploadHeaders").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        assertThat(TestFiles.put(upload.path("uploadUrl").asText(), headers, png), is(200));
        fixture().deliverUploads("uploads/" + owner + "/" + mediaId);
        return Map.of("mediaId", mediaId, "userId", owner, "token", fixture().identity.token(owner));
    }

    @State("media m-2 is pending and owned by u-1")
    Map<String, Object> pendingMedia() {
        String owner = TestIssuer.newUser();
        String mediaId = upload(owner, 1024).path("mediaId").asText();
        return Map.of("mediaId", mediaId, "userId", owner, "token", fixture().identity.token(owner));
    }

    @State("media m-404 does not exist")
    Map<String, Object> noMedia() {
        String caller = TestIssuer.newUser();
        return Map.of("userId", caller, "token", fixture().identity.token(caller));
    }

    private static JsonNode upload(String owner, long size) {
        Api.Response response = fixture().api.post("/media/uploads", fixture().identity.token(owner),
                Map.of("contentType", "image/png", "sizeBytes", size, "fileName", "pact.png"));
        assertThat(response.toString(), response.status(), is(201));
        return response.body();
    }

    private static synchronized MediaServiceFixture fixture() {
        if (fixture == null) {
            fixture = new MediaServiceFixture();
        }
        return fixture;
    }
}
