package io.wechat.media.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.wechat.media.Main;
import io.wechat.media.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

/**
 * What the presigned URLs sign, read from the URLs themselves (the emulator enforces neither signatures nor
 * expiry): the clients are built by Main, with path-style addressing for the emulator endpoint.
 */
class S3UrlsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T21:00:00Z");
    private static final Main.Clients CLIENTS = Main.clients(settings(), UrlConnectionHttpClient.builder().build(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    private static final S3Urls URLS = new S3Urls(CLIENTS.presigner(), "wechat-local-media", Duration.ofMinutes(15),
            Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterAll
    static void close() {
        CLIENTS.presigner().close();
        CLIENTS.s3().close();
        CLIENTS.dynamo().close();
    }

    @Test
    void theUploadIsAPathStylePutValidFor15MinutesSignedOverTypeAndLength() {
        PresignedUpload upload = URLS.upload("uploads/u-1/m-1", "image/png", 12345);
        URI url = URI.create(upload.url());
        Map<String, String> query = query(url);

        assertThat(url.getHost(), is("127.0.0.1"));
        assertThat(url.getPath(), is("/wechat-local-media/uploads/u-1/m-1"));
        assertThat(query.get("X-Amz-Expires"), is("900"));
        assertThat(query.get("X-Amz-Algorithm"), is("AWS4-HMAC-SHA256"));
        assertThat(query.get("X-Amz-SignedHeaders"), is("content-length;content-type;host"));
        assertThat(query.get("X-Amz-Credential").startsWith("AKIDEXAMPLE/"), is(true));
        assertThat(query, not(hasKey("x-amz-sdk-checksum-algorithm")));
        assertThat(query, not(hasKey("x-amz-checksum-crc32")));
        assertThat(upload.headers(), is(Map.of("Content-Type", "image/png", "Content-Length", "12345")));
        assertThat(upload.expiresAt(), is(NOW.plus(Duration.ofMinutes(15))));
    }

    @Test
    void downloadsAreGetsValidFor10MinutesPinnedToTheVerifiedVersion() {
        SignedUrl download = URLS.download("uploads/u-1/m-1", "v-42");
        Map<String, String> query = query(URI.create(download.url()));
        assertThat(query.get("X-Amz-Expires"), is("600"));
        assertThat(query.get("X-Amz-SignedHeaders"), is("host"));
        assertThat(query.get("versionId"), is("v-42"));
        assertThat(download.expiresAt(), is(NOW.plus(Duration.ofMinutes(10))));
        assertThat(query(URI.create(URLS.download("thumbnails/m-1.jpg", null).url())), not(hasKey("versionId")));
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static Settings settings() {
        return new Settings("us-east-1", Optional.of("http://127.0.0.1:4566"), "wechat-local-media", "wechat-local-media",
                "arn:aws:sns:us-east-1:123456789012:wechat-local-media-events", "http://127.0.0.1:8082",
                Duration.ofSeconds(2), "http://localhost:8081", "wechat-app", "http://127.0.0.1:8081/.well-known/jwks.json",
                Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofDays(1), Settings.CloudFront.none());
    }
}
