package io.wechat.media.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;

/**
 * Signed CloudFront URLs with a canned policy (the URL, valid until an instant), signed with the private key
 * of a public key in the distribution's trusted key group. The URL names the verified object version
 * ({@code ?versionId=}, covered by the signature), so a version written later through a still-valid upload URL is
 * never served, even before the verifier deletes it; the distribution refuses upload URLs without a version
 * (Terraform module {@code cdn}) and caches each version apart.
 */
public final class CloudFrontUrls implements DownloadUrls {
    private final CloudFrontUtilities utilities = CloudFrontUtilities.create();
    private final String domain;
    private final String keyPairId;
    private final PrivateKey privateKey;
    private final Duration ttl;
    private final Clock clock;

    /** @param domain the distribution's domain, e.g. {@code d111111abcdef8.cloudfront.net} (a scheme is allowed) */
    public CloudFrontUrls(String domain, String keyPairId, PrivateKey privateKey, Duration ttl, Clock clock) {
        this.domain = domain.replaceFirst("^https?://", "").replaceAll("/+$", "");
        this.keyPairId = keyPairId;
        this.privateKey = privateKey;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public SignedUrl download(String key, String versionId) {
        // Whole seconds: the canned policy's expiry is epoch seconds.
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(ttl).getEpochSecond());
        String resource = "https://" + domain + "/" + encodePath(key)
                + (versionId == null ? "" : "?versionId=" + URLEncoder.encode(versionId, StandardCharsets.UTF_8));
        var request = CannedSignerRequest.builder().resourceUrl(resource).keyPairId(keyPairId)
                .privateKey(privateKey).expirationDate(expiresAt).build();
        return new SignedUrl(utilities.getSignedUrlWithCannedPolicy(request).url(), expiresAt);
    }

    private static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
