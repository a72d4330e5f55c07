package io.wechat.media.events;

/** Publishes media domain events (media.ready, media.rejected) for subscribers to filter on. */
public interface EventPublisher {
    /**
     * Publishes {@code payload} in the event envelope with the message attribute {@code type}. Throws when
     * the event cannot be published, so that the S3 event is redelivered and the publication retried.
     */
    void publish(String type, Object payload);
}
