package io.genjin.app.tracking;

import io.genjin.gateway.relay.Instrumentation;
import io.genjin.app.store.StoreProperties;
import io.genjin.store.CrmStore;
import io.genjin.store.events.DomainEvents;
import io.genjin.tracking.Tracking;
import io.genjin.tracking.classify.ScannerCatalogue;
import io.genjin.tracking.token.TrackingTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The tracking module: instrumenting outbound mail, in every role (the API, the SMTP relay of the
 * {@code gateway} role, sequences of the {@code followup} role), and the hit side (the
 * {@code tracking} role, {@link TrackingEndpointsConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TrackingConfiguration.class);

    @Bean
    TrackingTokens trackingTokens(TrackingProperties tracking, StoreProperties store) {
        return TrackingKeys.tokens(tracking, store);
    }

    @Bean
    Tracking tracking(CrmStore store, MongoOperations mongo, TrackingTokens tokens, TrackingProperties properties,
            MessageSource messages, DomainEvents events) {
        ScannerCatalogue catalogue = properties.catalogue() == null ? ScannerCatalogue.builtIn()
                : ScannerCatalogue.fromFile(properties.catalogue());
        log.info("Tracking: {} scanner families from {}, links and pixels at {}", catalogue.families().size(),
                catalogue.source(), properties.settings().baseUrl());
        return new Tracking(store, mongo, tokens, properties.settings(), catalogue, new BundleTrackingTexts(messages), events);
    }

    /** How ingestion links a sent copy carrying X-Genjin-Track (the Outlook add-in) to its tracking record. */
    @Bean
    io.genjin.gateway.SentTracking sentTracking(Tracking tracking) {
        return new SentCopyTracking(tracking);
    }

    /** What the relay and sequences insert into the mail they send. */
    @Bean
    Instrumentation outboundInstrumentation(Tracking tracking) {
        return new TrackingInstrumentation(tracking);
    }
}
