package io.genjin.reports.store;

import io.genjin.store.order.Order;
import io.genjin.store.task.Task;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The indexes the reports' own queries need on a real MongoDB, beside the store's ({@code
 * StoreIndexes}): the tasks of some users closed or escalated in a period (due in a period is served
 * by the store's {@code task_assignee}, assignee then status then due time), and the orders of a
 * period for RFM. The rollups are read by {@code _id} only. The embedded server lists these but
 * builds none (it builds unique indexes only), so there these queries scan their collection.
 */
public final class ReportIndexes {
    private ReportIndexes() {
    }

    public static void ensure(MongoOperations mongo) {
        mongo.indexOps(Task.class).createIndex(new Index().on("assigneeId", Direction.ASC).on("closedAt", Direction.ASC)
                .named("report_task_closed"));
        mongo.indexOps(Task.class).createIndex(new Index().on("assigneeId", Direction.ASC)
                .on("escalation.escalatedAt", Direction.ASC).named("report_task_escalated"));
        mongo.indexOps(Order.class).createIndex(new Index().on("orderedAt", Direction.ASC).named("report_order_date"));
    }
}
