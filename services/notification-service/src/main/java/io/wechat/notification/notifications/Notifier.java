package io.wechat.notification.notifications;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.wechat.notification.devices.Device;
import io.wechat.notification.devices.DeviceStore;
import io.wechat.notification.push.PushGateway;
import io.wechat.notification.push.PushPayloads;
import io.wechat.notification.storage.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Notifies the recipients of a batch of sent messages. Per recipient: nobody online, not muted (or mentioned), an account not disabled,
 * then one push per device (APNs and FCM through SNS; web devices only in the log) and the log entry last. As a batch:
 * the recipients' states in one BatchGetItem per 100 keys ({@link RecipientStates}); the recipients' pushes in
 * parallel (at most {@value #PUSH_CONCURRENCY} at once), each publish recorded right after it, so that a crash never
 * loses the record of a push that went out; the deliveries without a publish (web devices) in one transaction per 24,
 * and the log entries in one BatchWriteItem per 25. A push carries the message id as its collapse id (APNs) and tag
 * (FCM): in the one case where a device is pushed twice (a crash between a publish and its record), the device shows
 * one notification.
 */
public final class Notifier {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    /** Recipients pushed at once: bounds the threads and SNS connections one batch holds. */
    static final int PUSH_CONCURRENCY = 16;
    private final DeviceStore devices;
    private final RecipientStates recipients;
    private final Deliveries deliveries;
    private final NotificationLog log;
    private final PushGateway push;
    private final Clock clock;
    private final Counter pushes = Metrics.globalRegistry().getOrCreate(Counter.builder("notification.pushes")
            .description("Pushes published to SNS platform endpoints"));
    private final Counter removedDevices = Metrics.globalRegistry().getOrCreate(Counter.builder("notification.devices.removed")
            .description("Devices removed because their endpoint was disabled or invalid"));

    public Notifier(DynamoDbClient dynamo, Table table, DeviceStore devices, Deliveries deliveries, NotificationLog log,
                    PushGateway push, Clock clock) {
        this.devices = devices;
        this.recipients = new RecipientStates(dynamo, table, devices);
        this.deliveries = deliveries;
        this.log = log;
        this.push = push;
        this.clock = clock;
    }

    /** What happened for one recipient. */
    public enum Outcome { ONLINE, MUTED, NO_DEVICES, DISABLED, PUSHED }

    /**
     * An event this attempt owns. {@code resumed}: it was claimed before by an attempt that died, so the devices that
     * attempt already pushed to are skipped.
     */
    public record Claimed(MessageSent event, boolean resumed) {
    }

    /** What became of one event: the outcome per recipient, or the failure that makes its record come back. */
    public record Result(List<Outcome> outcomes, Optional<RuntimeException> failure) {
        static Result failed(RuntimeException e) {
            return new Result(List.of(), Optional.of(e));
        }
    }

    /** One recipient to push: the devices to go through and what to show. */
    private record RecipientPush(Claimed claimed, String recipient, List<Device> targets, NotificationContent content) {
    }

    /** A recipient's pushes done: the devices reached, and those reached without a publish, still to be recorded. */
    private record Pushed(int deviceCount, List<Deliveries.Delivery> unrecorded) {
    }

    /**
     * The result of every event, by event id. A failure SNS or DynamoDB reports fails the events it concerns and no
     * other; an {@link Error} (the process is dying) propagates, after the pushes under way have finished.
     */
    public Map<String, Result> notifyAll(List<Claimed> events) {
        Instant now = clock.instant();
        Map<String, Set<String>> conversationsByRecipient = new LinkedHashMap<>();
        for (Claimed claimed : events) {
            for (String recipient : offlineCandidates(claimed.event())) {
                conversationsByRecipient.computeIfAbsent(recipient, r -> new LinkedHashSet<>())
                        .add(claimed.event().conversationId());
            }
        }
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        Map<String, RuntimeException> failures = new HashMap<>();
        List<RecipientPush> toPush = new ArrayList<>();
        Map<String, RecipientStates.State> states;
        try {
            states = conversationsByRecipient.isEmpty() ? Map.of() : recipients.load(conversationsByRecipient);
        } catch (RuntimeException e) {
            Map<String, Result> all = new LinkedHashMap<>();
            events.forEach(claimed -> all.put(claimed.event().eventId(), Result.failed(e)));
            return all;
        }
        for (Claimed claimed : events) {
            MessageSent event = claimed.event();
            List<Outcome> eventOutcomes = outcomes.computeIfAbsent(event.eventId(), id -> new ArrayList<>());
            for (String recipient : event.pushCandidates()) {
                if (event.onlineRecipientIds().contains(recipient)) {
                    eventOutcomes.add(Outcome.ONLINE);
                    continue;
                }
                RecipientStates.State state = states.get(recipient);
                // A mention calls the user even in a conversation they muted.
                if (!event.mentionedIds().contains(recipient) && state.muted(event.conversationId(), now)) {
                    eventOutcomes.add(Outcome.MUTED);
                } else if (state.devices().isEmpty()) {
                    eventOutcomes.add(Outcome.NO_DEVICES);
                } else if (state.disabled()) {
                    eventOutcomes.add(Outcome.DISABLED);
                } else {
                    toPush.add(new RecipientPush(claimed, recipient, state.devices(), NotificationContent.of(
                            event.conversationType(), event.conversationTitle(), event.senderDisplayName(),
                            event.preview(), state.previewMode())));
                }
            }
        }

        Map<RecipientPush, Pushed> pushed = pushAll(toPush, failures);

        List<Deliveries.Delivery> unrecorded = new ArrayList<>();
        List<NotificationLog.Entry> entries = new ArrayList<>();
        pushed.forEach((recipientPush, result) -> {
            MessageSent event = recipientPush.claimed().event();
            if (failures.containsKey(event.eventId())) {
                return;
            }
            unrecorded.addAll(result.unrecorded());
            if (result.deviceCount() > 0) {
                entries.add(new NotificationLog.Entry(recipientPush.recipient(), new Notification(event.eventId(),
                        recipientPush.content().title(), recipientPush.content().body(), event.conversationId(),
                        event.messageId(), event.sentAt(), result.deviceCount())));
            }
            outcomes.get(event.eventId()).add(result.deviceCount() > 0 ? Outcome.PUSHED : Outcome.NO_DEVICES);
        });
        try {
            deliveries.markAllDelivered(unrecorded);
            log.recordAll(entries);
        } catch (RuntimeException e) {
            pushed.keySet().forEach(p -> failures.putIfAbsent(p.claimed().event().eventId(), e));
        }

        Map<String, Result> results = new LinkedHashMap<>();
        outcomes.forEach((eventId, eventOutcomes) -> results.put(eventId, failures.containsKey(eventId)
                ? Result.failed(failures.get(eventId)) : new Result(eventOutcomes, Optional.empty())));
        return results;
    }

    private static List<String> offlineCandidates(MessageSent event) {
        return event.pushCandidates().stream().filter(r -> !event.onlineRecipientIds().contains(r)).toList();
    }

    /** Runs the recipients' pushes, in parallel when there are several; a failure is recorded against its event. */
    private Map<RecipientPush, Pushed> pushAll(List<RecipientPush> toPush, Map<String, RuntimeException> failures) {
        Map<RecipientPush, Pushed> results = new LinkedHashMap<>();
        if (toPush.size() == 1) {
            RecipientPush only = toPush.get(0);
            try {
                results.put(only, pushTo(only));
            } catch (RuntimeException e) {
                failures.put(only.claimed().event().eventId(), e);
            }
            return results;
        }
        Map<RecipientPush, Future<Pushed>> futures = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(Math.min(PUSH_CONCURRENCY, Math.max(1, toPush.size())),
                Thread.ofVirtual().name("push-", 0).factory())) {
            toPush.forEach(recipientPush -> futures.put(recipientPush, executor.submit(() -> pushTo(recipientPush))));
        }
        Error fatal = null;
        for (var entry : futures.entrySet()) {
            try {
                results.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case Error error -> fatal = error;
                    case RuntimeException failure -> failures.putIfAbsent(entry.getKey().claimed().event().eventId(), failure);
                    default -> failures.putIfAbsent(entry.getKey().claimed().event().eventId(),
                            new IllegalStateException(e.getCause()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pushing", e);
            }
        }
        if (fatal != null) {
            throw fatal;
        }
        return results;
    }

    /** One recipient's devices, one after another: publish and record each; web devices are recorded by the batch. */
    private Pushed pushTo(RecipientPush recipientPush) {
        MessageSent event = recipientPush.claimed().event();
        String recipient = recipientPush.recipient();
        String snsMessage = PushPayloads.snsMessage(recipientPush.content().title(), recipientPush.content().body(),
                event.conversationId(), event.messageId());
        Set<String> done = recipientPush.claimed().resumed()
                ? deliveries.deliveredDevices(event.eventId(), recipient) : Set.of();
        int deviceCount = 0;
        List<Deliveries.Delivery> unrecorded = new ArrayList<>();
        for (Device device : recipientPush.targets()) {
            if (!done.contains(device.deviceId())) {
                Optional<String> endpoint = devices.endpoint(device);
                if (endpoint.isEmpty()) {
                    unrecorded.add(new Deliveries.Delivery(event.eventId(), recipient, device.deviceId()));
                } else if (deliver(device, endpoint.get(), snsMessage, event.messageId(), event.eventId())) {
                    deliveries.markDelivered(event.eventId(), recipient, device.deviceId());
                } else {
                    continue;
                }
            }
            deviceCount++;
        }
        return new Pushed(deviceCount, unrecorded);
    }

    /** Publishes to the device's endpoint; false when the endpoint is dead and the device was removed. */
    private boolean deliver(Device device, String endpoint, String snsMessage, String collapseId, String eventId) {
        if (push.publish(endpoint, snsMessage, collapseId)) {
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
