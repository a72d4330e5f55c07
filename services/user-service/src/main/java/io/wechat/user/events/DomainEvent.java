package io.wechat.user.events;

import java.util.Objects;

/**
 * An event to publish: its {@code type} (also the SNS message attribute consumers filter on) and payload.
 */
public record DomainEvent(String type, Object payload) {
    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
