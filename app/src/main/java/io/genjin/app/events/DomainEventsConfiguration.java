package io.genjin.app.events;

import io.genjin.app.store.ClusterLeases;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.outbox.Outbox;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    @Bean
    DomainEvents domainEvents(Outbox outbox, EventRelay relay) {
        return new DomainEvents() {
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
                if (!events.isEmpty()) {
                    outbox.append(events);
                }
            }

            @Override
            public void handOver() {
                relay.nudge();
            }
        };
    }
}
