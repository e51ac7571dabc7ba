package io.genjin.app.order;

import io.genjin.store.CrmStore;
import io.genjin.store.order.ChangeOrderStatus;
import io.genjin.store.order.RecordOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store's order activities, for the API and the pages alike. */
@Configuration(proxyBeanMethods = false)
class OrderUseCases {

    @Bean
    RecordOrder recordOrder(CrmStore store) {
        return new RecordOrder(store);
    }

    @Bean
    ChangeOrderStatus changeOrderStatus(CrmStore store) {
        return new ChangeOrderStatus(store);
    }
}
