package io.wechat.notification.devices;

import java.util.Arrays;
import java.util.Optional;

/** Where a device receives pushes: APNs and FCM through SNS mobile push; web only through the log. */
public enum Platform {
    APNS("apns"),
    FCM("fcm"),
    WEB("web");

    private final String wire;

    Platform(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Platform> of(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }
}
