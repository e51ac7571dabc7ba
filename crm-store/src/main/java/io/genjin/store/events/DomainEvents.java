package io.genjin.store.events;

/**
 * Publishes the domain's past-tense events to whoever listens (followup, tracking). The app
 * implements it with Spring's ApplicationEventPublisher; tests collect events in a list.
 */
@FunctionalInterface
public interface DomainEvents {
    DomainEvents NONE = event -> { };

    void publish(Object event);
}
