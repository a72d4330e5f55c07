package io.wechat.notification.devices;

import io.wechat.kit.web.ApiException;

/** Request bodies of the device routes, validated on construction. */
final class DeviceRequestBodies {
    /** APNs tokens are 64 hex characters, FCM tokens about 160, web push subscriptions longer. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private DeviceRequestBodies() {
    }

    record RegisterDevice(String platform, String token) {
        RegisterDevice {
            if (platform == null || Platform.of(platform).isEmpty()) {
                throw ApiException.badRequest("invalid_platform", "platform must be one of apns, fcm, web");
            }
            if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH
                    || token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw ApiException.badRequest("invalid_token",
                        "token must be 1-" + MAX_TOKEN_LENGTH + " characters without spaces");
            }
        }

        Platform platformValue() {
            return Platform.of(platform).orElseThrow();
        }
    }
}
