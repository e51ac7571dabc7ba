package io.genjin.app.customer;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.ArchiveCustomer;
import io.genjin.store.customer.MoveCustomerToStage;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.timeline.LogActivity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store's customer activities, one bean each, for the API and the pages alike. */
@Configuration(proxyBeanMethods = false)
class CustomerUseCases {

    @Bean
    MoveCustomerToStage moveCustomerToStage(CrmStore store, DomainEvents events) {
        return new MoveCustomerToStage(store, events);
    }

    @Bean
    ReassignCustomer reassignCustomer(CrmStore store) {
        return new ReassignCustomer(store);
    }

    @Bean
    ArchiveCustomer archiveCustomer(CrmStore store) {
        return new ArchiveCustomer(store);
    }

    @Bean
    LogActivity logActivity(CrmStore store) {
        return new LogActivity(store);
    }
}
