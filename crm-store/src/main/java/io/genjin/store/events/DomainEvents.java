package io.genjin.store.events;

import java.util.List;

/**
 * Publishes the domain's past-tense events to whoever listens (followup, tracking, reports, search).
 * The app writes them to the store's outbox, from which each role's consumers read them, in this
 * process or another; tests collect events in a list.
 */
@FunctionalInterface
public interface DomainEvents {
    DomainEvents NONE = event -> { };

    void publish(Object event);

    /** Publishes several events in their order, in one write where the implementation can. */
    default void publishAll(List<?> events) {
        events.forEach(this::publish);
    }

    /**
     * Writes the events as {@link #publishAll} does (as durably, in the same order), but this process's
     * listeners may get them later: at {@link #handOver()}, or when they next look for events. A batch
     * of mail appends, so that the listeners work through a range of positions at a time, off the
     * batch's thread, instead of a few store round trips per message on it.
     */
    default void append(List<?> events) {
        publishAll(events);
    }

    /** Hands what {@link #append} wrote to this process's listeners now, on the caller's thread. */
    default void handOver() {
    }

    /**
     * As {@link #handOver}, but the listeners take them on their own thread and the caller goes on at
     * once; where there is no such thread, on the caller's.
     */
    default void handOverInBackground() {
        handOver();
    }
}
