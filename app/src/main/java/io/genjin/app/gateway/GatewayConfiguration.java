package io.genjin.app.gateway;

import io.genjin.classifier.EmailUnderstanding;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.gateway.pipeline.ClassifierUnderstanding;
import io.genjin.gateway.pipeline.ForwardedMessages;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.gateway.pipeline.Understanding;
import io.genjin.gateway.reading.MailReader;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.mail.MailArchive;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The mail ingestion pipeline as the one {@link io.genjin.gateway.MailIngestion} every transport
 * uses, understanding each message through the classifier module. Present with the {@code gateway}
 * role (its transports) and the {@code api} role (replaying failed messages, imports).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({Roles.GATEWAY, Roles.API})
class GatewayConfiguration {

    @Bean
    MailArchive mailArchive(MongoTemplate mongo) {
        return MailArchive.over(mongo);
    }

    /**
     * Reads a stored message's original for the mail view (bodies up to the page limit) and for the
     * search index (as the pipeline read it, with its limits), with the gateway's one MIME parser.
     */
    @Bean
    MailReader mailReader(MailArchive archive, GatewayProperties properties) {
        return new MailReader(archive.raw(), MailReader.DEFAULT_MAX_BODY_BYTES, properties.settings().limits());
    }

    /** Loads the classifier's models once (under a second); shared by every ingesting thread. */
    @Bean
    Understanding understanding() {
        return new ClassifierUnderstanding(new EmailUnderstanding());
    }

    @Bean
    IngestionPipeline ingestionPipeline(CrmStore store, MailArchive archive, LinkMessageToCustomer linker,
            Understanding understanding, DomainEvents events, Durability durability, GatewayProperties properties,
            Clock clock, io.genjin.gateway.SentTracking sentTracking, MailReader reader) {
        // the search index reads each stored message moments later: it takes the pipeline's parse from the reader
        return new IngestionPipeline(store, archive, linker, understanding, ForwardedMessages.standard(), events,
                durability, properties.settings(), clock, sentTracking, reader);
    }
}
