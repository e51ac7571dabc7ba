package io.genjin.app.events;

import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.outbox.Outbox;
import java.util.List;

/**
 * {@link DomainEvents} over the store's outbox: what is published is written, then handled by this
 * process's listeners on the publishing thread; what is appended is written and left to the poll
 * thread (or a later {@link #handOver}), unless this process's listeners are more than
 * {@code maxBehind} events behind: then the writer hands them over on its own thread and so waits for
 * the listeners (an SMTP session answers later, an import slows down), and the lag stays bounded
 * under any load.
 */
final class OutboxEvents implements DomainEvents {
    /** A few seconds of the listeners' work on a small machine. */
    static final long MAX_BEHIND = 2_000;
    private final Outbox outbox;
    private final EventRelay relay;
    private final long maxBehind;

    OutboxEvents(Outbox outbox, EventRelay relay, long maxBehind) {
        this.outbox = outbox;
        this.relay = relay;
        this.maxBehind = maxBehind;
    }

    @Override
    public void publish(Object event) {
        publishAll(List.of(event));
    }

    @Override
    public void publishAll(List<?> events) {
        if (events.isEmpty()) {
            return;
        }
        outbox.append(events);
        relay.nudge();
    }

    @Override
    public void append(List<?> events) {
        if (!events.isEmpty() && relay.behind(outbox.append(events)) > maxBehind) {
            relay.nudge();
        }
    }

    @Override
    public void handOver() {
        relay.nudge();
    }

    @Override
    public void handOverInBackground() {
        relay.wake();
    }
}
