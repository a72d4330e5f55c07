package io.wechat.media.catalog;

import io.wechat.kit.web.ApiException;
import io.wechat.media.verification.FileSignature;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UploadRequestTest {
    @Test
    void eachAllowedTypeHasItsSignatureAndLimit() {
        assertThat(AllowedTypes.find("image/jpeg").orElseThrow().maxBytes(), is(20 * AllowedTypes.MB));
        assertThat(AllowedTypes.find("video/mp4").orElseThrow().maxBytes(), is(200 * AllowedTypes.MB));
        assertThat(AllowedTypes.find("application/pdf").orElseThrow().maxBytes(), is(100 * AllowedTypes.MB));
        assertThat(AllowedTypes.find("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                .orElseThrow().signature(), is(FileSignature.ZIP));
        assertThat(AllowedTypes.find("application/msword").orElseThrow().signature(), is(FileSignature.OLE2));
        assertThat(AllowedTypes.find("Text/Plain; charset=UTF-8").orElseThrow().contentType(), is("text/plain"));
        assertThat(AllowedTypes.find("text/html").isPresent(), is(false));
        assertThat(AllowedTypes.find("image/svg+xml").isPresent(), is(false));
        assertThat(AllowedTypes.find("application/octet-stream").isPresent(), is(false));
    }

    @Test
    void normalizesTheTypeAndSanitizesTheName() {
        var request = new UploadRequest("IMAGE/PNG", 10L, "C:\\Users\\me\\照片 1.png", "c-1");
        assertThat(request.contentType(), is("image/png"));
        assertThat(request.fileName(), is("照片 1.png"));
        assertThat(request.conversationId(), is("c-1"));
    }

    @Test
    void sizesAreCheckedAgainstTheTypesLimit() {
        assertThat(new UploadRequest("image/png", 20 * AllowedTypes.MB, "a.png", null).sizeBytes(), is(20 * AllowedTypes.MB));
        assertThat(code(() -> new UploadRequest("image/png", 20 * AllowedTypes.MB + 1, "a.png", null)), is("file_too_large"));
        assertThat(new UploadRequest("video/mp4", 200 * AllowedTypes.MB, "a.mp4", null).sizeBytes(), is(200 * AllowedTypes.MB));
        assertThat(code(() -> new UploadRequest("video/mp4", 200 * AllowedTypes.MB + 1, "a.mp4", null)), is("file_too_large"));
        assertThat(code(() -> new UploadRequest("application/zip", 100 * AllowedTypes.MB + 1, "a.zip", null)), is("file_too_large"));
        assertThat(code(() -> new UploadRequest("image/png", 0L, "a.png", null)), is("invalid_size"));
        assertThat(code(() -> new UploadRequest("image/png", null, "a.png", null)), is("invalid_size"));
    }

    @Test
    void rejectsMissingOrInvalidFields() {
        assertThat(code(() -> new UploadRequest(null, 1L, "a", null)), is("invalid_content_type"));
        assertThat(code(() -> new UploadRequest("text/html", 1L, "a", null)), is("unsupported_content_type"));
        assertThat(code(() -> new UploadRequest("image/png", 1L, " ", null)), is("invalid_file_name"));
        assertThat(code(() -> new UploadRequest("image/png", 1L, "a.png", "c 1/../x")), is("invalid_conversation_id"));
    }

    @Test
    void fileNamesLoseTheirPathControlAndReservedCharacters() {
        assertThat(FileNames.sanitize("../../etc/passwd"), is("passwd"));
        assertThat(FileNames.sanitize("a\u0000b\u202Egnp.exe"), is("a_b_gnp.exe"));
        assertThat(FileNames.sanitize("what?<now>.txt"), is("what__now_.txt"));
        assertThat(FileNames.sanitize(" .hidden. "), is("hidden"));
        assertThat(FileNames.sanitize("..."), is("file"));
        assertThat(FileNames.sanitize("dir/"), is("file"));
        String longName = "x".repeat(300) + ".docx";
        String sanitized = FileNames.sanitize(longName);
        assertThat(sanitized.length(), is(FileNames.MAX_LENGTH));
        assertThat(sanitized.endsWith(".docx"), is(true));
    }

    private static String code(Runnable action) {
        return assertThrows(ApiException.class, action::run).code();
    }
}
