package io.wechat.notification.notifications;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.wechat.notification.accounts.AccountStates;
import io.wechat.notification.devices.Device;
import io.wechat.notification.devices.DeviceStore;
import io.wechat.notification.preferences.PreferenceStore;
import io.wechat.notification.push.PushGateway;
import io.wechat.notification.push.PushPayloads;

/**
 * Notifies one recipient of one sent message: nobody online, not muted (or mentioned), an account not disabled, then one push per device (APNs
 * and FCM through SNS; web devices only in the log), each recorded right after its publish, and the
 * log entry last. A push carries the message id as its collapse id (APNs) and tag (FCM): in the one case where a
 * device is pushed twice (a crash between a publish and its record), the device shows one notification.
 */
public final class Notifier {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    private final DeviceStore devices;
    private final PreferenceStore preferences;
    private final Deliveries deliveries;
    private final NotificationLog log;
    private final PushGateway push;
    private final AccountStates accounts;
    private final Clock clock;
    private final Counter pushes = Metrics.globalRegistry().getOrCreate(Counter.builder("notification.pushes")
            .description("Pushes published to SNS platform endpoints"));
    private final Counter removedDevices = Metrics.globalRegistry().getOrCreate(Counter.builder("notification.devices.removed")
            .description("Devices removed because their endpoint was disabled or invalid"));

    public Notifier(DeviceStore devices, PreferenceStore preferences, Deliveries deliveries, NotificationLog log,
                    PushGateway push, AccountStates accounts, Clock clock) {
        this.accounts = accounts;
        this.devices = devices;
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.log = log;
        this.push = push;
        this.clock = clock;
    }

    /** What happened for one recipient. */
    public enum Outcome { ONLINE, MUTED, NO_DEVICES, DISABLED, PUSHED }

    /**
     * @param resumed the event was claimed before (a redelivery after a crash): skip the devices the
     *                first attempt already pushed to
     */
    public Outcome notify(MessageSent event, String recipient, boolean resumed) {
        if (event.onlineRecipientIds().contains(recipient)) {
            return Outcome.ONLINE;
        }
        // A mention calls the user even in a conversation they muted.
        if (!event.mentionedIds().contains(recipient) && preferences.isMuted(recipient, event.conversationId(), clock.instant())) {
            return Outcome.MUTED;
        }
        List<Device> targets = devices.list(recipient);
        if (targets.isEmpty()) {
            return Outcome.NO_DEVICES;
        }
        if (accounts.isDisabled(recipient)) {
            return Outcome.DISABLED;
        }
        var content = NotificationContent.of(event.conversationType(), event.conversationTitle(),
                event.senderDisplayName(), event.preview(), preferences.previewMode(recipient));
        String snsMessage = PushPayloads.snsMessage(content.title(), content.body(), event.conversationId(), event.messageId());
        Set<String> done = resumed ? deliveries.deliveredDevices(event.eventId(), recipient) : Set.of();
        int deviceCount = 0;
        for (Device device : targets) {
            if (!done.contains(device.deviceId())) {
                if (!deliver(device, snsMessage, event.messageId(), event.eventId())) {
                    continue;
                }
                deliveries.markDelivered(event.eventId(), recipient, device.deviceId());
            }
            deviceCount++;
        }
        if (deviceCount == 0) {
            return Outcome.NO_DEVICES;
        }
        log.record(recipient, new Notification(event.eventId(), content.title(), content.body(), event.conversationId(),
                event.messageId(), event.sentAt(), deviceCount));
        return Outcome.PUSHED;
    }

    /** Publishes to the device's endpoint; false when the endpoint is dead and the device was removed. */
    private boolean deliver(Device device, String snsMessage, String collapseId, String eventId) {
        Optional<String> endpoint = devices.endpoint(device);
        if (endpoint.isEmpty()) {
            return true;
        }
        if (push.publish(endpoint.get(), snsMessage, collapseId)) {
            pushes.increment();
            return true;
        }
        removedDevices.increment();
        deliveries.markFailed(eventId, device.userId(), device.deviceId());
        LOG.log(Level.INFO, "Endpoint of device " + device.deviceId() + " is disabled or invalid: removing the device");
        devices.remove(device.userId(), device.deviceId());
        return false;
    }
}
