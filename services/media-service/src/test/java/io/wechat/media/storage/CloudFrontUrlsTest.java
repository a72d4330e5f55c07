package io.wechat.media.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Signed CloudFront URLs, checked with the public half of a key generated here. */
class CloudFrontUrlsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T21:00:00.250Z");

    @Test
    void aCannedPolicyUrlThatTheDistributionsPublicKeyVerifies() throws Exception {
        KeyPair keys = rsa();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        var urls = new CloudFrontUrls("https://d111111abcdef8.cloudfront.net/", "K2JCJMDEHXQW5F", PemKeys.rsaPrivateKey(pem),
                Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));

        SignedUrl signed = urls.download("uploads/u-1/m 1", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
        URI url = URI.create(signed.url());
        Map<String, String> query = query(url);
        long expires = NOW.plus(Duration.ofMinutes(10)).getEpochSecond();

        assertThat(url.getScheme() + "://" + url.getHost() + url.getRawPath(),
                is("https://d111111abcdef8.cloudfront.net/uploads/u-1/m%201"));
        assertThat("the verified version, and no other, is served", query.get("versionId"), is("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"));
        assertThat(query.get("Expires"), is(Long.toString(expires)));
        assertThat(query.get("Key-Pair-Id"), is("K2JCJMDEHXQW5F"));
        assertThat(signed.expiresAt(), is(Instant.ofEpochSecond(expires)));

        String resource = "https://d111111abcdef8.cloudfront.net/uploads/u-1/m%201?versionId=3HL4kqtJlcpXroDTDmJ%2BrmSpXd3dIbrHY";
        String policy = "{\"Statement\":[{\"Resource\":\"" + resource
                + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
        byte[] signature = Base64.getDecoder().decode(query.get("Signature").replace('-', '+').replace('_', '=').replace('~', '/'));
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(policy.getBytes(StandardCharsets.UTF_8));
        assertThat("the signature covers the version", verifier.verify(signature), is(true));

        SignedUrl thumbnail = urls.download("thumbnails/m1.jpg", null);
        assertThat(query(URI.create(thumbnail.url())).containsKey("versionId"), is(false));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
