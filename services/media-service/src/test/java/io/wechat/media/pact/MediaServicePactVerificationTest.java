package io.wechat.media.pact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.IgnoreNoPactsToVerify;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.fasterxml.jackson.databind.JsonNode;
import io.wechat.media.support.Api;
import io.wechat.media.support.MediaServiceFixture;
import io.wechat.media.support.TestFiles;
import io.wechat.media.support.TestIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Verifies every pact in {@code contracts/} that names media-service as provider ({@code -Dpact.folder=DIR}
 * reads another folder). Interactions go to the real service started in-process against the AWS emulator
 * (as the ITs start it, so it needs AWS_ENDPOINT_URL); provider states create real media through the API and
 * the S3 notification path, and answer their ids and the owner's access token to the pact's expressions.
 */
@Provider("media-service")
@PactFolder("${pact.folder:../../contracts}")
@IgnoreNoPactsToVerify
class MediaServicePactVerificationTest {
    private static final String PROVIDER = "media-service";
    private static MediaServiceFixture fixture;

    @BeforeEach
    void target(PactVerificationContext context) {
        if (context != null) {
            context.setTarget(new HttpTestTarget("127.0.0.1", fixture().server.port()));
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context) {
        if (context == null) {
            return; // no pact names media-service
        }
        try {
            context.verifyInteraction();
            record(context, "passed");
        } catch (AssertionError | RuntimeException e) {
            record(context, "failed");
            throw e;
        }
    }

    @State("media m-1 is ready and owned by u-1")
    Map<String, Object> readyMedia() {
        String owner = TestIdentity.newUser();
        byte[] png = TestFiles.image("png", 400, 300);
        String mediaId = reserve(owner, "image/png", png.length, upload -> {
            Map<String, String> headers = new HashMap<>();
            upload.path("uploadHeaders").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            assertThat(TestFiles.put(upload.path("uploadUrl").asText(), headers, png), is(200));
        });
        fixture().deliverUploads("uploads/" + owner + "/" + mediaId);
        fixture().events(Duration.ofSeconds(2));
        return state(owner, mediaId);
    }

    @State("media m-2 is pending and owned by u-1")
    Map<String, Object> pendingMedia() {
        String owner = TestIdentity.newUser();
        return state(owner, reserve(owner, "application/pdf", 1234, upload -> { }));
    }

    @State("media m-404 does not exist")
    Map<String, Object> noMedia() {
        String caller = TestIdentity.newUser();
        return Map.of("userId", caller, "token", fixture().identity.token(caller));
    }

    private interface Upload {
        void to(JsonNode upload);
    }

    private static String reserve(String owner, String contentType, long size, Upload upload) {
        Api.Response response = fixture().api.post("/media/uploads", fixture().identity.token(owner),
                Map.of("contentType", contentType, "sizeBytes", size, "fileName", "pact.bin"));
        assertThat(response.toString(), response.status(), is(201));
        upload.to(response.body());
        return response.body().path("mediaId").asText();
    }

    private static Map<String, Object> state(String owner, String mediaId) {
        return Map.of("userId", owner, "mediaId", mediaId, "token", fixture().identity.token(owner));
    }

    private static synchronized MediaServiceFixture fixture() {
        if (fixture == null) {
            fixture = new MediaServiceFixture();
        }
        return fixture;
    }

    /**
     * Appends "consumer, provider, interaction, result" to target/pact-verifications.tsv, as the other
     * providers do, for the contracts matrix.
     */
    private static void record(PactVerificationContext context, String result) {
        Interaction interaction = context.getInteraction();
        String line = String.join("\t", context.getConsumer().getName(), PROVIDER,
                interaction.getDescription(), result) + "\n";
        try {
            Files.writeString(Path.of("target", "pact-verifications.tsv"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
