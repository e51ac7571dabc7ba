package io.genjin.app.events;

import io.genjin.app.store.ClusterLeases;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.outbox.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The modules' {@link DomainEvents} port over the store's outbox, in every role: the gateway publishes
 * what mail brings, tracking what customers do with mail, the API what people change; the
 * {@link EventConsumer}s of this process's roles read it (see docs/architecture.md, "Domain events").
 */
@Configuration(proxyBeanMethods = false)
class DomainEventsConfiguration {

    @Bean
    Outbox outbox(MongoOperations mongo, Clock clock) {
        return new Outbox(mongo, clock);
    }

    /** Consumers are looked up when the relay starts: some of them publish events themselves. */
    @Bean
    EventRelay eventRelay(Outbox outbox, MongoOperations mongo, ObjectProvider<EventConsumer> consumers,
            EventsProperties settings) {
        return new EventRelay(outbox, ClusterLeases.over(mongo), names -> ClusterLeases.held(mongo, names),
                () -> consumers.orderedStream().toList(), settings);
    }

    /** {@code genjin.events.behind}: the events this process's listeners have still to handle. */
    @Bean
    MeterBinder eventMetrics(EventRelay relay) {
        return registry -> Gauge.builder("genjin.events.behind", relay, EventRelay::behind)
                .description("domain events written and not yet handled by this process's slowest listener")
                .register(registry);
    }

    /** What an import waits for before it stops: every event its messages caused, handled. */
    @Bean
    @Order(1)
    Backlog eventsBacklog(EventRelay relay) {
        return Backlog.of("domain events", relay::behind);
    }

    @Bean
    DomainEvents domainEvents(Outbox outbox, EventRelay relay) {
        return new OutboxEvents(outbox, relay, OutboxEvents.MAX_BEHIND);
    }
}
