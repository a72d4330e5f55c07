package io.wechat.media.verification;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Recognizes the allow-listed formats by their magic bytes. Only the head of the object is read, so
 * ZIP-based (docx, xlsx, pptx) and OLE2-based (doc, xls, ppt) documents are recognized by their
 * container; text is "no known signature, no NUL or control bytes, valid UTF-8".
 */
public final class ContentSniffer {
    /** How many leading bytes {@link #sniff(byte[])} needs at most. */
    public static final int HEAD_BYTES = 512;

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** ISO base media brands of MP4 video; QuickTime ("qt  ") and HEIF/AVIF images share the box format. */
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6",
            "mp41", "mp42", "avc1", "M4V ", "dash", "mmp4", "f4v ");

    private ContentSniffer() {
    }

    public static FileSignature sniff(byte[] head) {
        if (startsWith(head, 0, JPEG)) {
            return FileSignature.JPEG;
        }
        if (startsWith(head, 0, PNG)) {
            return FileSignature.PNG;
        }
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
            return FileSignature.GIF;
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return FileSignature.WEBP;
        }
        if (ascii(head, 0, "%PDF-")) {
            return FileSignature.PDF;
        }
        if (ascii(head, 0, "PK\u0003\u0004") || ascii(head, 0, "PK\u0005\u0006")) {
            return FileSignature.ZIP;
        }
        if (startsWith(head, 0, OLE2)) {
            return FileSignature.OLE2;
        }
        if (ascii(head, 4, "ftyp") && head.length >= 12
                && MP4_BRANDS.contains(new String(head, 8, 4, StandardCharsets.ISO_8859_1))) {
            return FileSignature.MP4;
        }
        return isText(head) ? FileSignature.TEXT : FileSignature.UNKNOWN;
    }

    /** UTF-8 without NUL or control bytes other than tab, line breaks, form feed and escape. */
    private static boolean isText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B || c == 0x7F) {
                return false;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        // Not the end of input: a multi-byte character cut off by the head is an underflow, not an error.
        CoderResult result = decoder.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), false);
        return !result.isError();
    }

    private static boolean ascii(byte[] data, int offset, String expected) {
        return startsWith(data, offset, expected.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
