package io.genjin.app.customer;

import io.genjin.followup.facts.Facts;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.store.CrmStore;
import io.genjin.store.conflict.ResolveOwnershipConflict;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.linking.CustomerRecords;
import io.genjin.store.linking.MergeCustomers;
import io.genjin.tracking.Tracking;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Merging duplicate customers and deciding 撞客. A merge moves the store's records and every
 * {@link CustomerRecords} bean: contracts, tracked quotations, sequence enrolments and the follow-up
 * rules' dates, which other modules keep.
 */
@Configuration(proxyBeanMethods = false)
class MergeConfiguration {

    @Bean
    MergeCustomers mergeCustomers(CrmStore store, List<CustomerRecords> elsewhere, DomainEvents events) {
        return new MergeCustomers(store, elsewhere, events);
    }

    @Bean
    CustomerRecords trackedMessageRecords(Tracking tracking) {
        return tracking.customerRecords();
    }

    @Bean
    CustomerRecords enrollmentRecords(SequenceStore sequences) {
        return sequences.enrollments().customerRecords();
    }

    @Bean
    CustomerRecords sendZoneRecords(SequenceStore sequences) {
        return sequences.zones().customerRecords();
    }

    /** The follow-up rules' dates: without them the survivor would look silent while the loser's buyer just replied. */
    @Bean
    CustomerRecords followupFactRecords(Facts facts) {
        return facts.customerRecords();
    }

    @Bean
    ResolveOwnershipConflict resolveOwnershipConflict(CrmStore store, ReassignCustomer reassign, DomainEvents events) {
        return new ResolveOwnershipConflict(store, reassign, events);
    }
}
