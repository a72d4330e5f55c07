package io.wechat.chat.realtime;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wechat.chat.events.EventPublisher;
import io.wechat.kit.events.EventEnvelope;
import io.wechat.kit.web.Json;

/**
 * Every chat event reaches the members' live connections as a frame ({@link Frames}, {@link FanOut}) and then SNS.
 * <ul>
 * <li>{@link #publish}: an event a request publishes after its write, pushed and published once, failures logged;
 * the types published from the committed data itself ({@code publishedElsewhere}: the message events, from the
 * messages table's stream) are left to {@link #send}.</li>
 * <li>{@link #send}: an event of committed data (a stream record), which may be handled more than once: each
 * connection gets its frame once ({@link FanOut#pushOnce}, keyed by the event id), a {@code message.sent} names
 * the recipients who got it as {@code onlineRecipientIds} (no push for them), then it is published; it throws when
 * the publish or a frame failed, so that the record is delivered again and only what is missing is done again.</li>
 * </ul>
 */
public final class RealtimeEventPublisher implements EventPublisher {
    private static final System.Logger LOG = System.getLogger(RealtimeEventPublisher.class.getName());
    /** Users whose connections one step of a live push reads and sends to: a 500-member group in 5 steps. */
    static final int LIVE_FRAME_BATCH = 100;
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
        var delivery = Frames.forEvent(event.type(), event.payload());
        if (delivery.isEmpty()) {
            delegate.send(event, conversationId);
            return;
        }
        Map<String, List<String>> live;
        FanOut.Delivery pushed;
        try {
            live = registry.live(delivery.get().userIds());
            pushed = fanOut.pushOnce(event.eventId(), live, delivery.get().frame());
        } catch (RuntimeException e) {
            // Connections unknown (Redis down): publish with nobody online, so pushes go out, and retry the frames.
            pushed = new FanOut.Delivery(Set.of(), 1);
        }
        EventEnvelope published = event;
        if ("message.sent".equals(event.type()) && event.payload() instanceof ObjectNode payload) {
            ObjectNode withOnline = payload.deepCopy();
            var online = withOnline.putArray("onlineRecipientIds");
            for (JsonNode recipient : payload.path("recipients")) {
                if (pushed.reached().contains(recipient.asText())) {
                    online.add(recipient);
                }
            }
            published = new EventEnvelope(event.eventId(), event.type(), event.version(), event.occurredAt(), withOnline);
        }
        delegate.send(published, conversationId);
        if (pushed.failed() > 0) {
            throw new IllegalStateException(pushed.failed() + " connections did not get the frame of event " + event.eventId());
        }
    }
}
