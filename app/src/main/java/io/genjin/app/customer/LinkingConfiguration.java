package io.genjin.app.customer;

import io.genjin.store.CrmStore;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.linking.CorrectMessageLinks;
import io.genjin.store.linking.FindDuplicateCustomers;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.linking.LinkingPolicy;
import io.genjin.store.linking.MailDomains;
import io.genjin.store.linking.LinkingPolicy.AutoCreate;
import io.genjin.store.linking.MergeContacts;
import io.genjin.store.linking.MergeCustomers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Customer linking and de-duplication, configured from {@code genjin.linking.*}. */
@Configuration(proxyBeanMethods = false)
class LinkingConfiguration {

    @Bean
    LinkingPolicy linkingPolicy(LinkingProperties properties) {
        List<String> freeMail = new ArrayList<>(properties.freeMailDomains() == null
                ? LinkingPolicy.DEFAULT_FREE_MAIL : properties.freeMailDomains());
        if (properties.extraFreeMailDomains() != null) {
            freeMail.addAll(properties.extraFreeMailDomains());
        }
        return new LinkingPolicy(freeMail, properties.internalDomains(), properties.autoCreate(),
                properties.extraAutomatedDomains());
    }

    @Bean
    MailDomains mailDomains(LinkingPolicy policy) {
        return policy.mailDomains();
    }

    @Bean
    LinkMessageToCustomer linkMessageToCustomer(CrmStore store, LinkingPolicy policy, Clock clock) {
        return new LinkMessageToCustomer(store, policy, clock);
    }

    @Bean
    CorrectMessageLinks correctMessageLinks(CrmStore store, LinkMessageToCustomer linker, DomainEvents events) {
        return new CorrectMessageLinks(store, linker, events);
    }

    @Bean
    FindDuplicateCustomers findDuplicateCustomers(CrmStore store, LinkingPolicy policy) {
        return new FindDuplicateCustomers(store, policy);
    }

    @Bean
    MergeCustomers mergeCustomers(CrmStore store, DomainEvents events) {
        return new MergeCustomers(store, events);
    }

    @Bean
    MergeContacts mergeContacts(CrmStore store) {
        return new MergeContacts(store);
    }

    /**
     * @param freeMailDomains      replaces the built-in free-mail list (patterns such as {@code yahoo.*})
     * @param extraFreeMailDomains added to the list in use
     * @param internalDomains      the team's own mail domains, never customers (the business domains
     *                             of the users' addresses are internal without being listed)
     * @param autoCreate           what linking may create when nothing matches
     * @param extraAutomatedDomains platform or service domains whose mail is never a customer's, on top
     *                             of the shipped list
     */
    @ConfigurationProperties("genjin.linking")
    record LinkingProperties(List<String> freeMailDomains, List<String> extraFreeMailDomains, Set<String> internalDomains,
            AutoCreate autoCreate, List<String> extraAutomatedDomains) {
    }
}
