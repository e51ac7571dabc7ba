package io.genjin.app.gateway;

import io.genjin.gateway.pipeline.ForwardedMessages;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.gateway.pipeline.Understanding;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.mail.MailArchive;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The mail ingestion pipeline as the one {@link io.genjin.gateway.MailIngestion} every transport
 * uses. The classifier plugs in by declaring an {@link Understanding} bean (until then nothing is
 * understood), and may replace {@link ForwardedMessages} with its shared forwarded-block parser.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    MailArchive mailArchive(MongoTemplate mongo) {
        return MailArchive.over(mongo);
    }

    @Bean
    DomainEvents domainEvents(ApplicationEventPublisher publisher) {
        return publisher::publishEvent;
    }

    @Bean
    IngestionPipeline ingestionPipeline(CrmStore store, MailArchive archive, LinkMessageToCustomer linker,
            ObjectProvider<Understanding> understanding, ObjectProvider<ForwardedMessages> forwards, DomainEvents events,
            Durability durability, GatewayProperties properties, Clock clock) {
        return new IngestionPipeline(store, archive, linker, understanding.getIfAvailable(() -> Understanding.NONE),
                forwards.getIfAvailable(ForwardedMessages::standard), events, durability, properties.settings(), clock);
    }
}
