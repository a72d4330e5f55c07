package io.wechat.chat.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.events.EventPublisher;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.events.PartlyPublished;
import io.wechat.kit.web.Json;

/**
 * Every chat event reaches the members' live connections as a frame ({@link Frames}, {@link FanOut}) and then SNS.
 * <ul>
 * <li>{@link #publish}: an event a request publishes after its write, pushed and published once, failures logged;
 * the types published from the committed data itself ({@code publishedElsewhere}: the message events, from the
 * messages table's stream) are left to {@link #send}.</li>
 * <li>{@link #send}, {@link #sendAll}: an event of committed data (a stream record), which may be handled more than once: each
 * connection gets its frame once ({@link FanOut#pushOnce}, keyed by the event id), a {@code message.sent} names
 * the recipients who got it as {@code onlineRecipientIds} (no push for them), then it is published; it throws when
 * the publish or a frame failed, so that the record is delivered again and only what is missing is done again.</li>
 * </ul>
 */
public final class RealtimeEventPublisher implements EventPublisher {
    private static final System.Logger LOG = System.getLogger(RealtimeEventPublisher.class.getName());
    /** Users whose connections one step of a live push reads and sends to: a 500-member group in 5 steps. */
    static final int LIVE_FRAME_BATCH = 100;
    private static final FanOut.Delivery NOTHING_TO_PUSH = new FanOut.Delivery(Set.of(), 0);
    private final EventPublisher delegate;
    private final ConnectionRegistry registry;
    private final FanOut fanOut;
    private final Set<String> publishedElsewhere;

    public RealtimeEventPublisher(EventPublisher delegate, ConnectionRegistry registry, FanOut fanOut,
                                  Set<String> publishedElsewhere) {
        this.delegate = delegate;
        this.registry = registry;
        this.fanOut = fanOut;
        this.publishedElsewhere = Set.copyOf(publishedElsewhere);
    }

    @Override
    public void publish(String type, String conversationId, Object payload) {
        publish(type, conversationId, payload, null);
    }

    @Override
    public void publish(String type, String conversationId, Object payload, String originConnectionId) {
        if (publishedElsewhere.contains(type)) {
            return;
        }
        ObjectNode tree = Json.MAPPER.valueToTree(payload);
        Frames.forEvent(type, tree).ifPresent(delivery ->
                fanOut.push(delivery.userIds(), delivery.frame(), originConnectionId));
        delegate.publish(type, conversationId, tree);
    }

    /**
     * {@link LiveFrames} of the events published from committed data: the frame to the members' live connections now,
     * {@value #LIVE_FRAME_BATCH} users at a time (their connections read in one Redis round trip, then sent in
     * parallel), each connection once; a failure is logged and left to the stream.
     */
    public void pushNow(String eventId, String type, Object payload) {
        ObjectNode tree = Json.MAPPER.valueToTree(payload);
        Frames.forEvent(type, tree).ifPresent(delivery -> {
            List<String> users = delivery.userIds();
            for (int from = 0; from < users.size(); from += LIVE_FRAME_BATCH) {
                try {
                    var batch = users.subList(from, Math.min(users.size(), from + LIVE_FRAME_BATCH));
                    fanOut.pushOnce(eventId, registry.live(batch), delivery.frame());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Frames of " + eventId + " left to the stream: " + e.getMessage());
                }
            }
        });
    }

    @Override
    public void send(EventEnvelope event, String conversationId) {
        sendAll(List.of(event), conversationId);
    }

    /**
     * {@link #send} of several events of one conversation (a stream batch's records of it): their frames at once, each
     * connection's in the events' order ({@link FanOut#pushAllOnce}, the connections of all of them read in one Redis
     * round trip), then the events published in as few calls as the publisher makes. When an event's frame failed, the
     * events up to it are published and it is named as the first not done ({@link PartlyPublished}): it and the ones
     * after it come again, and only their missing frames are sent.
     */
    @Override
    public void sendAll(List<EventEnvelope> events, String conversationId) {
        List<Optional<Frames.Delivery>> deliveries = events.stream()
                .map(event -> Frames.forEvent(event.type(), event.payload())).toList();
        List<FanOut.Delivery> pushed = push(events, deliveries);
        List<EventEnvelope> published = new ArrayList<>();
        int firstFailed = -1;
        for (int i = 0; i < events.size() && firstFailed < 0; i++) {
            published.add(deliveries.get(i).isPresent() ? withOnlineRecipients(events.get(i), pushed.get(i)) : events.get(i));
            if (pushed.get(i).failed() > 0) {
                firstFailed = i;
            }
        }
        delegate.sendAll(published, conversationId);
        if (firstFailed >= 0) {
            throw new PartlyPublished(firstFailed, new IllegalStateException(pushed.get(firstFailed).failed()
                    + " connections did not get the frame of event " + events.get(firstFailed).eventId()));
        }
    }

    /** The frames of the events that have one; when the connections cannot be read (Redis down), each counts as failed. */
    private List<FanOut.Delivery> push(List<EventEnvelope> events, List<Optional<Frames.Delivery>> deliveries) {
        Set<String> users = new LinkedHashSet<>();
        deliveries.forEach(delivery -> delivery.ifPresent(d -> users.addAll(d.userIds())));
        List<FanOut.Delivery> pushed = new ArrayList<>();
        try {
            Map<String, List<String>> live = users.isEmpty() ? Map.of() : registry.live(users);
            List<FanOut.Frame> frames = new ArrayList<>();
            List<Integer> framed = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                pushed.add(NOTHING_TO_PUSH);
                if (deliveries.get(i).isPresent()) {
                    Map<String, List<String>> theirs = new LinkedHashMap<>();
                    deliveries.get(i).get().userIds().forEach(user -> {
                        if (live.containsKey(user)) {
                            theirs.put(user, live.get(user));
                        }
                    });
                    frames.add(new FanOut.Frame(events.get(i).eventId(), theirs, deliveries.get(i).get().frame()));
                    framed.add(i);
                }
            }
            List<FanOut.Delivery> sent = fanOut.pushAllOnce(frames);
            for (int k = 0; k < framed.size(); k++) {
                pushed.set(framed.get(k), sent.get(k));
            }
        } catch (RuntimeException e) {
            // Connections unknown (Redis down): publish with nobody online, so pushes go out, and retry the frames.
            pushed.clear();
            deliveries.forEach(delivery -> pushed.add(delivery.isPresent() ? new FanOut.Delivery(Set.of(), 1) : NOTHING_TO_PUSH));
        }
        return pushed;
    }

    /** A {@code message.sent} names the recipients whose connections got its frame: no push for them. */
    private static EventEnvelope withOnlineRecipients(EventEnvelope event, FanOut.Delivery pushed) {
        if (!"message.sent".equals(event.type()) || !(event.payload() instanceof ObjectNode payload)) {
            return event;
        }
        ObjectNode withOnline = payload.deepCopy();
        var online = withOnline.putArray("onlineRecipientIds");
        for (JsonNode recipient : payload.path("recipients")) {
            if (pushed.reached().contains(recipient.asText())) {
                online.add(recipient);
            }
        }
        return new EventEnvelope(event.eventId(), event.type(), event.version(), event.occurredAt(), withOnline);
    }
}
