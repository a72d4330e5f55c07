package io.wechat.edge.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 on a request to the {@code @connections} API, as API Gateway does with IAM
 * authorization: header-signed ({@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
 * Signature=...} with {@code X-Amz-Date}), for the service {@code execute-api}, by the one key pair the local cloud
 * knows (the emulator's credentials), within 15 minutes of the edge's clock. The canonical request is built as the
 * AWS SDKs build it for every service but S3: each path segment encoded once more, the query sorted, the signed
 * headers lower-cased and trimmed, the payload's SHA-256 (or {@code x-amz-content-sha256} when signed).
 */
public final class SigV4Verifier {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "execute-api";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "^AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*$");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final byte[] secretKey;
    private final String region;
    private final Clock clock;

    public SigV4Verifier(String accessKeyId, String secretAccessKey, String region, Clock clock) {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("the @connections API needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to check signatures");
        }
        this.accessKeyId = accessKeyId;
        this.secretKey = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
        this.clock = clock;
    }

    /** A request as received: method, raw path and raw query (without '?'), headers by lower-case name, body. */
    public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
        }
    }

    /** Empty when the signature is valid; otherwise why not (for the 403 message). */
    public Optional<String> check(SignedRequest request) {
        String authorization = request.header("authorization").orElse(null);
        if (authorization == null) {
            return Optional.of("Missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.strip());
        if (!m.matches()) {
            return Optional.of("Authorization header is not an AWS4-HMAC-SHA256 signature");
        }
        String[] credential = m.group(1).split("/");
        if (credential.length != 5 || !"aws4_request".equals(credential[4])) {
            return Optional.of("Credential should be scoped to a valid region, service and aws4_request");
        }
        if (!MessageDigest.isEqual(credential[0].getBytes(StandardCharsets.UTF_8), accessKeyId.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("The security token included in the request is invalid");
        }
        if (!region.equals(credential[2]) || !SERVICE.equals(credential[3])) {
            return Optional.of("Credential should be scoped to region " + region + " and service " + SERVICE);
        }
        List<String> signedHeaders = Arrays.asList(m.group(2).split(";"));
        if (!signedHeaders.contains("host")) {
            return Optional.of("The host header must be signed");
        }
        String amzDate = request.header("x-amz-date").orElse(null);
        if (amzDate == null || !signedHeaders.contains("x-amz-date")) {
            return Optional.of("X-Amz-Date must be present and signed");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            return Optional.of("X-Amz-Date is not a date");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            return Optional.of("Signature expired: " + amzDate + " is more than 15 minutes from the server's time");
        }
        if (!amzDate.startsWith(credential[1])) {
            return Optional.of("The credential's date does not match X-Amz-Date");
        }
        for (String name : signedHeaders) {
            if (!name.equals(name.toLowerCase(Locale.ROOT)) || request.header(name).isEmpty()) {
                return Optional.of("Signed header " + name + " is missing");
            }
        }
        String scope = String.join("/", credential[1], credential[2], credential[3], credential[4]);
        String canonical = canonicalRequest(request, signedHeaders);
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(hmac(hmac(hmac(secretKey, credential[1]), credential[2]), credential[3]), "aws4_request");
        String expected = hex(hmac(key, toSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("The request signature we calculated does not match the signature you provided");
        }
        return Optional.empty();
    }

    private static String canonicalRequest(SignedRequest request, List<String> signedHeaders) {
        String headers = signedHeaders.stream()
                .map(name -> name + ":" + request.headers().get(name).stream().map(SigV4Verifier::trimAll)
                        .collect(Collectors.joining(",")) + "\n")
                .collect(Collectors.joining());
        String payloadHash = request.header("x-amz-content-sha256").filter(h -> signedHeaders.contains("x-amz-content-sha256"))
                .orElseGet(() -> hex(sha256(request.body())));
        return request.method() + "\n" + canonicalPath(request.rawPath()) + "\n" + canonicalQuery(request.rawQuery()) + "\n"
                + headers + "\n" + String.join(";", signedHeaders) + "\n" + payloadHash;
    }

    /** Each segment as sent (already encoded once by the client), encoded again: SigV4 for all services but S3. */
    private static String canonicalPath(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        return Arrays.stream(rawPath.split("/", -1)).map(SigV4Verifier::encode).collect(Collectors.joining("/"));
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = encode(decode(eq < 0 ? pair : pair.substring(0, eq)));
            String value = encode(decode(eq < 0 ? "" : pair.substring(eq + 1)));
            sorted.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, values) -> values.stream().sorted().forEach(value -> parts.add(name + "=" + value)));
        return String.join("&", parts);
    }

    /** RFC 3986 unreserved characters stay; every other byte is %XX (upper case). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String trimAll(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
