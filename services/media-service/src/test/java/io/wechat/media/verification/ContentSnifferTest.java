package io.wechat.media.verification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.wechat.media.support.TestFiles;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ContentSnifferTest {
    /** A 1x1 lossy WebP as browsers and cwebp write it. */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=");

    @Test
    void recognizesImagesWrittenByImageIo() {
        assertThat(sniff(TestFiles.image("jpeg", 40, 30)), is(FileSignature.JPEG));
        assertThat(sniff(TestFiles.image("png", 40, 30)), is(FileSignature.PNG));
        assertThat(sniff(TestFiles.image("gif", 40, 30)), is(FileSignature.GIF));
        assertThat(sniff(WEBP), is(FileSignature.WEBP));
    }

    @Test
    void recognizesDocumentsAndContainers() throws IOException {
        assertThat(sniff("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1)), is(FileSignature.PDF));
        assertThat(sniff(zip("[Content_Types].xml", "word/document.xml")), is(FileSignature.ZIP));
        assertThat(sniff(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0}), is(FileSignature.ZIP));
        byte[] ole2 = new byte[512];
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                0, ole2, 0, 8);
        assertThat(sniff(ole2), is(FileSignature.OLE2));
    }

    @Test
    void recognizesMp4ButNotQuickTimeOrHeif() {
        assertThat(sniff(ftyp("isom")), is(FileSignature.MP4));
        assertThat(sniff(ftyp("mp42")), is(FileSignature.MP4));
        assertThat(sniff(ftyp("qt  ")), is(FileSignature.UNKNOWN));
        assertThat(sniff(ftyp("heic")), is(FileSignature.UNKNOWN));
    }

    @Test
    void textIsUtf8WithoutControlBytesEvenWhenTheHeadCutsACharacter() {
        byte[] chinese = "会议纪要\n第一项：预算\tOK\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(sniff(chinese), is(FileSignature.TEXT));
        assertThat(sniff(Arrays.copyOf(chinese, 5)), is(FileSignature.TEXT));
        assertThat(sniff(new byte[] {'a', 'b', 0, 'c'}), is(FileSignature.UNKNOWN));
        assertThat(sniff(new byte[] {'a', (byte) 0xC3, 'b'}), is(FileSignature.UNKNOWN));
        assertThat(sniff("<html><script>".getBytes(StandardCharsets.UTF_8)), is(FileSignature.TEXT));
        assertThat(sniff(new byte[0]), is(FileSignature.UNKNOWN));
    }

    @Test
    void shortOrUnknownHeadsAreUnknown() {
        assertThat(sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}), is(FileSignature.UNKNOWN));
        assertThat(sniff(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}), is(FileSignature.UNKNOWN));
        assertThat(sniff("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)), is(FileSignature.UNKNOWN));
    }

    private static FileSignature sniff(byte[] bytes) {
        return ContentSniffer.sniff(bytes.length > ContentSniffer.HEAD_BYTES
                ? Arrays.copyOf(bytes, ContentSniffer.HEAD_BYTES) : bytes);
    }

    private static byte[] ftyp(String brand) {
        byte[] box = new byte[32];
        box[3] = 32;
        System.arraycopy("ftyp".getBytes(StandardCharsets.ISO_8859_1), 0, box, 4, 4);
        System.arraycopy(brand.getBytes(StandardCharsets.ISO_8859_1), 0, box, 8, 4);
        return box;
    }

    private static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("<xml/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
