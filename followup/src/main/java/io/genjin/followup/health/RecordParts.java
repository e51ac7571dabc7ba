package io.genjin.followup.health;

import io.genjin.followup.health.CustomerHealth.Part;
import io.genjin.store.CrmStore;
import io.genjin.store.task.TaskStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

/** The order, payment and task components of one customer, read from its records (a first computation). */
final class RecordParts {
    private RecordParts() {
    }

    static Money money(CrmStore store, String companyId, HealthPolicy policy, Instant now) {
        return Money.of(store.orders().ofCompany(companyId), store.orders().paymentsOf(companyId), policy.paymentDays(), now);
    }

    static Map<Component, Part> of(CrmStore store, String companyId, HealthPolicy policy, Instant now) {
        int overdue = (int) store.tasks().ofCompany(companyId, EnumSet.of(TaskStatus.OPEN)).stream()
                .filter(t -> t.overdue(now)).count();
        return Score.fromRecords(money(store, companyId, policy, now), overdue, now);
    }
}
