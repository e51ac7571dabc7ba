package io.genjin.store.order;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.time.Instant;
import java.util.List;

/**
 * Moves an order on (deposit received, shipped, balance paid), with a line on the timeline. The
 * caller has checked that the actor may see the order's customer.
 */
public class ChangeOrderStatus {
    private final CrmStore store;

    public ChangeOrderStatus(CrmStore store) {
        this.store = store;
    }

    public Order to(Order order, OrderStatus status, String actorId) {
        if (order.status() == status) {
            return order;
        }
        Order changed = store.orders().save(order.withStatus(status));
        Instant now = store.clock().instant();
        store.timeline().append(new Activity(Ids.newId(), order.companyId(), ActivityType.ORDER, now, actorId, List.of(),
                order.number(), null, "order:" + order.id() + ":" + status.name(),
                RecordOrder.attributes(changed, "status"), now));
        return changed;
    }
}
