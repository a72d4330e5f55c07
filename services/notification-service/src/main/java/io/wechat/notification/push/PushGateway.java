package io.wechat.notification.push;

import java.util.Optional;

import io.wechat.notification.devices.Platform;

/** Mobile push delivery: platform endpoints per device token, and publishing to them. */
public interface PushGateway {
    /**
     * The platform endpoint for this token, created (or re-enabled) when needed; empty when the platform
     * has no platform application here (web, or APNs/FCM not configured): such devices are logged only.
     */
    Optional<String> endpointFor(Platform platform, String token);

    /**
     * Publishes the SNS message (MessageStructure json) to the endpoint. Answers false when the endpoint
     * is disabled or invalid, so the device must be removed; throws on failures worth a retry.
     * {@code collapseId}: pushes with the same one show as one notification on the device (APNs
     * {@code apns-collapse-id}), so a push sent again after a crash replaces the first instead of adding a second.
     */
    boolean publish(String endpointArn, String snsMessage, String collapseId);

    /** Deletes the endpoint; failures are logged, never thrown (the device is gone either way). */
    void deleteEndpoint(String endpointArn);
}
