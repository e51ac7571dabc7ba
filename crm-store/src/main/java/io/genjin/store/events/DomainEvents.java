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
}
