package io.wechat.notification.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.wechat.notification.devices.Platform;
import io.wechat.notification.push.PushGateway;

/**
 * The push gateway at the boundary where SNS mobile push would be called: it records what the service publishes
 * to each platform endpoint, so that a consumer pact test can assert on it without SNS platform applications.
 * Devices in such a test carry their endpoint already, so no endpoint is ever created here.
 */
public final class RecordingPushGateway implements PushGateway {
    private final Map<String, List<String>> published = new HashMap<>();

    /** The SNS messages published, by endpoint, oldest first. */
    public Map<String, List<String>> published() {
        return published;
    }

    @Override
    public Optional<String> endpointFor(Platform platform, String token) {
        return Optional.empty();
    }

    @Override
    public boolean publish(String endpointArn, String snsMessage, String collapseId) {
        published.computeIfAbsent(endpointArn, k -> new ArrayList<>()).add(snsMessage);
        return true;
    }

    @Override
    public void deleteEndpoint(String endpointArn) {
        throw new AssertionError("no endpoint may be deleted: every publish succeeds");
    }
}
