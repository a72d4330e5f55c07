package io.wechat.user.events;

/**
 * Where published events go (SNS in every environment; a fake in unit tests).
 */
@FunctionalInterface
public interface EventPublisher {
    /** Publishes one event body with its {@code type} attribute; throws when the event was not accepted. */
    void publish(String type, String body);
}
