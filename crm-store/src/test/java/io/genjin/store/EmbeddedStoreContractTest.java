package io.genjin.store;

import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.genjin.store.customer.Company;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.util.List;
import java.util.Set;
import static org.assertj.core.api.Assertions.assertThat;

/** The store contract against the embedded MongoDB-wire server. */
class EmbeddedStoreContractTest implements StoreContract {
    private EmbeddedMongo mongo;
    private CrmStore store;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        store = mongo.store(Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Override
    public CrmStore store() {
        return store;
    }

    @Test
    void timelineIndexIsRebuiltFromStoredActivitiesByAFreshStore() {
        Company c = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.com"), "u1", T0));
        Company other = store.companies().insert(Company.create(Ids.newId(), "Other", List.of("other.com"), "u1", T0));
        for (int i = 0; i < 5; i++) {
            store.timeline().append(new Activity(Ids.newId(), c.id(), ActivityType.NOTE, T0.plusSeconds(i), "u1", null,
                    "#" + i, null, null, null, T0));
        }
        CrmStore restarted = mongo.store(Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(restarted.timeline().page(c.id(), Set.of(), null, 10).items()).extracting(Activity::title)
                .containsExactly("#4", "#3", "#2", "#1", "#0");
        restarted.timeline().moveAll(c.id(), other.id());
        assertThat(restarted.timeline().page(c.id(), Set.of(), null, 10).items()).isEmpty();
        assertThat(restarted.timeline().page(other.id(), Set.of(), null, 10).items()).hasSize(5);
    }
}
