package io.wechat.user.events;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The transactional outbox: events are written in the transaction of the change they describe, published right
 * after commit, and anything left unpublished (crash, SNS outage) is republished by {@link #relayPending}.
 * Delivery is at least once; consumers deduplicate on {@code eventId}.
 */
public final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final Jdbi jdbi;
    private final EventPublisher publisher;

    public Outbox(Jdbi jdbi, EventPublisher publisher) {
        this.jdbi = jdbi;
        this.publisher = publisher;
    }

    static void append(Handle handle, EventEnvelope envelope) {
        handle.createUpdate("insert into outbox (id, type, body) values (:id, :type, :body)")
                .bind("id", envelope.eventId())
                .bind("type", envelope.type())
                .bind("body", envelope.toJson())
                .execute();
    }

    /** Publishes events whose transaction has committed; failures stay in the outbox for the relay. */
    void publishCommitted(List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            try {
                publisher.publish(event.type(), event.toJson());
                jdbi.useHandle(h -> markPublished(h, event.eventId()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Event " + event.eventId() + " (" + event.type()
                        + ") not published now, the relay will retry: " + e.getMessage());
            }
        }
    }

    /**
     * Publishes up to {@code batchSize} events older than {@code minAge} that are still unpublished. Rows are
     * locked with SKIP LOCKED, so concurrent relays (several Lambda instances) never publish the same row twice
     * at once. Answers how many were published.
     */
    public int relayPending(Duration minAge, int batchSize) {
        return jdbi.inTransaction(h -> {
            List<PendingEvent> pending = h.createQuery("""
                            select id, type, body from outbox
                            where published_at is null and created_at < now() - make_interval(secs => :minAge)
                            order by created_at
                            limit :batch
                            for update skip locked""")
                    .bind("minAge", minAge.toSeconds())
                    .bind("batch", batchSize)
                    .map((rs, ctx) -> new PendingEvent(rs.getObject("id", UUID.class), rs.getString("type"),
                                                       rs.getString("body")))
                    .list();
            int published = 0;
            for (PendingEvent event : pending) {
                try {
                    publisher.publish(event.type(), event.body());
                    markPublished(h, event.id());
                    published++;
                } catch (RuntimeException e) {
                    h.createUpdate("update outbox set attempts = attempts + 1 where id = :id")
                            .bind("id", event.id())
                            .execute();
                    LOG.log(Level.WARNING, "Relay could not publish event " + event.id() + ": " + e.getMessage());
                }
            }
            return published;
        });
    }

    /** Deletes published rows older than {@code retention}; answers how many. */
    public int prunePublished(Duration retention) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        delete from outbox
                        where published_at is not null and published_at < now() - make_interval(secs => :keep)""")
                .bind("keep", retention.toSeconds())
                .execute());
    }

    private static void markPublished(Handle handle, UUID id) {
        handle.createUpdate("update outbox set published_at = now(), attempts = attempts + 1 where id = :id")
                .bind("id", id)
                .execute();
    }

    private record PendingEvent(UUID id, String type, String body) {
    }
}
