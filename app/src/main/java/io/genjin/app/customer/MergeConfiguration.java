package io.genjin.app.customer;

import io.genjin.followup.sequence.SequenceStore;
import io.genjin.store.CrmStore;
import io.genjin.store.conflict.ResolveOwnershipConflict;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.linking.CustomerRecords;
import io.genjin.store.linking.MergeCustomers;
import io.genjin.tracking.Tracking;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Merging duplicate customers and deciding 撞客. A merge moves the store's records and every
 * {@link CustomerRecords} bean: contracts, tracked quotations and sequence enrolments, which other
 * modules keep.
 */
@Configuration(proxyBeanMethods = false)
class MergeConfiguration {

    @Bean
    MergeCustomers mergeCustomers(CrmStore store, List<CustomerRecords> elsewhere) {
        return new MergeCustomers(store, elsewhere);
    }

    @Bean
    CustomerRecords trackedMessageRecords(Tracking tracking) {
        return tracking.customerRecords();
    }

    @Bean
    CustomerRecords enrollmentRecords(SequenceStore sequences) {
        return new CustomerRecords() {
            @Override
            public String kind() {
                return "enrollments";
            }

            @Override
            public long count(String companyId) {
                return sequences.enrollments().countOfCompany(companyId);
            }

            @Override
            public long move(String fromCompanyId, String toCompanyId) {
                return sequences.enrollments().moveCompany(fromCompanyId, toCompanyId);
            }
        };
    }

    @Bean
    ResolveOwnershipConflict resolveOwnershipConflict(CrmStore store, ReassignCustomer reassign) {
        return new ResolveOwnershipConflict(store, reassign);
    }
}
