package io.wechat.reliability;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One malformed request: which operation of which service it aims at, where it is sent ({@code edge} or the
 * service's own port), what is wrong with it ({@code kind}), and the exact bytes. {@code mustReject}: the request
 * is invalid, so only a 4xx is right; otherwise (odd but valid text, extra fields) a 2xx is right too. A 5xx is
 * never right.
 */
record Probe(String service, String operation, String target, String kind, String method, byte[] path,
             Map<String, byte[]> headers, byte[] body, boolean mustReject) {

    static final String JSON = "application/json";

    /** What the report prints: the request with its body cut at 300 characters and its raw bytes escaped. */
    Map<String, Object> describe() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("target", target);
        request.put("method", method);
        request.put("path", printable(path, 300));
        Map<String, String> printedHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> printedHeaders.put(name, printable(value, 120)));
        request.put("headers", printedHeaders);
        request.put("bodyBytes", body == null ? 0 : body.length);
        request.put("body", body == null ? null : printable(body, 300));
        return request;
    }

    /** Bytes as text; bytes that are not valid UTF-8 or not printable shown as \xNN. */
    static String printable(byte[] bytes, int limit) {
        String text = new String(bytes, 0, Math.min(bytes.length, limit * 4), StandardCharsets.UTF_8);
        byte[] roundTrip = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        if (!java.util.Arrays.equals(roundTrip, 0, roundTrip.length, bytes, 0, Math.min(bytes.length, limit * 4))) {
            for (int i = 0; i < Math.min(bytes.length, limit) ; i++) {
                int b = bytes[i] & 0xFF;
                out.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
            }
        } else {
            text.codePoints().limit(limit).forEach(cp -> {
                if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    out.append(String.format("\\u%04X", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            });
        }
        if (bytes.length > limit) {
            out.append("... (").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }
}
