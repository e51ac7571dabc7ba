package io.genjin.app.events;

import io.genjin.store.events.DomainEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The modules' {@link DomainEvents} port over Spring's event publisher, in every role: the gateway
 * publishes what mail brings, tracking what customers do with mail, followup listens.
 */
@Configuration(proxyBeanMethods = false)
class DomainEventsConfiguration {

    @Bean
    DomainEvents domainEvents(ApplicationEventPublisher publisher) {
        return publisher::publishEvent;
    }
}
