package io.wechat.chat.events;

import io.wechat.kit.events.EventEnvelope;

/**
 * A feature's own handling of user-service's events, beside {@link UserEventsHandler}'s: called once for each event
 * not processed before, whatever its type. It must be idempotent itself (the event is marked processed only after
 * every listener returned, so a failure delivers it again to all); throwing fails the record.
 */
public interface UserEventListener {
    void on(EventEnvelope event);
}
