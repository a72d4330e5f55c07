package io.wechat.media.events;

import io.wechat.kit.events.EventEnvelope;

/** Publishes media domain events (media.ready, media.rejected) for subscribers to filter on. */
public interface EventPublisher {
    /**
     * Publishes {@code event} as it is (its id and time included) with the message attribute {@code type}. Throws when
     * the event cannot be published, so that the S3 event is redelivered and the publication retried.
     */
    void publish(EventEnvelope event);
}
