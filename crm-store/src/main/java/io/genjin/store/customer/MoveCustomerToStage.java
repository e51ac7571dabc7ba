package io.genjin.store.customer;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.StageChanged;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Moves a customer to another stage: the company, a line on its timeline, and the event the
 * follow-up rules turn into the next stage's tasks. Moving to the stage it is in changes nothing.
 * The caller has checked that the actor may see the customer.
 */
public class MoveCustomerToStage {
    private final CrmStore store;
    private final DomainEvents events;

    public MoveCustomerToStage(CrmStore store, DomainEvents events) {
        this.store = store;
        this.events = events;
    }

    public Company move(Company company, Stage to, String note, String actorId) {
        if (company.stage() == to) {
            return company;
        }
        Company moved = store.companies().save(company.withStage(to));
        Instant now = store.clock().instant();
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.STAGE_CHANGE, now, actorId,
                List.of(), company.stage() + " → " + to, note, null,
                Map.of("from", company.stage().name(), "to", to.name()), now));
        events.publish(new StageChanged(company.id(), null, company.stage(), to, actorId, now));
        return moved;
    }
}
