package io.wechat.user.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a unit of work in one database transaction; events it emits are written to the outbox in that same
 * transaction and published once it has committed.
 */
public final class Transactor {
    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;

    public Transactor(Jdbi jdbi, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
    }

    public <T> T inTransaction(Function<Tx, T> work) {
        List<EventEnvelope> emitted = new ArrayList<>();
        T result = jdbi.inTransaction(handle -> work.apply(new Tx(handle, emitted)));
        outbox.publishCommitted(emitted);
        return result;
    }

    /** Reads outside a transaction. */
    public <T> T read(Function<Handle, T> query) {
        return jdbi.withHandle(query::apply);
    }

    /** The handle of the running transaction, and the way to emit events from it. */
    public final class Tx {
        private final Handle handle;
        private final List<EventEnvelope> emitted;

        private Tx(Handle handle, List<EventEnvelope> emitted) {
            this.handle = handle;
            this.emitted = emitted;
        }

        public Handle handle() {
            return handle;
        }

        public void emit(DomainEvent event) {
            EventEnvelope envelope = EventEnvelope.wrap(event, clock.instant());
            Outbox.append(handle, envelope);
            emitted.add(envelope);
        }
    }
}
