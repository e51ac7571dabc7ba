package io.genjin.app.addin;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.classifier.intent.QuoteDetector;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.gateway.MailIngestion;
import io.genjin.outlook.AssembleCustomerCard;
import io.genjin.outlook.CheckBeforeSend;
import io.genjin.outlook.OfferSnippets;
import io.genjin.outlook.TrackComposedQuotation;
import io.genjin.store.CrmStore;
import io.genjin.store.linking.MailDomains;
import io.genjin.tracking.Tracking;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Outlook add-in's use cases (module {@code outlook-addin-backend}) as the API role serves them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Roles.API)
class AddinConfiguration {

    @Bean
    AssembleCustomerCard assembleCustomerCard(CrmStore store, MailDomains domains, Tracking tracking,
            AddinProperties properties) {
        return new AssembleCustomerCard(store, domains, tracking, properties.publicUrl().toString());
    }

    /** The quotation cues are the classifier's rules (subject, text, attachment names): no model, well within 5 s. */
    @Bean
    CheckBeforeSend checkBeforeSend(CrmStore store, MailDomains domains, AddinProperties properties) {
        QuoteDetector quotes = new QuoteDetector();
        return new CheckBeforeSend(store, domains, quotes::isQuote,
                properties.priceLists().stream().map(p -> p.url().toString()).toList());
    }

    @Bean
    TrackComposedQuotation trackComposedQuotation(Tracking tracking) {
        return new TrackComposedQuotation(tracking);
    }

    @Bean
    OfferSnippets offerSnippets(CrmStore store, SequenceStore sequences, AddinProperties properties) {
        return new OfferSnippets(store, sequences, properties.priceLists().stream()
                .map(p -> new OfferSnippets.PriceList(p.name(), p.url().toString())).toList());
    }

    /** Entra access tokens as Bearer tokens; recognises none while {@code genjin.addin.entra.client-id} is unset. */
    @Bean
    io.genjin.app.security.BearerSignIn entraAccessTokens(AddinProperties properties, CrmStore store) {
        return new EntraAccessTokens(properties, store);
    }

    @Bean
    LogMessageFromOutlook logMessageFromOutlook(MailIngestion ingestion, CrmStore store, VisibleCustomers visible) {
        return new LogMessageFromOutlook(ingestion, store, visible);
    }
}
