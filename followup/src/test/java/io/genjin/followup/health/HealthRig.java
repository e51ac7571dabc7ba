package io.genjin.followup.health;

import io.genjin.followup.EmbeddedMongo;
import io.genjin.followup.FollowupSettings;
import io.genjin.followup.facts.Facts;
import io.genjin.followup.notify.Notifier;
import io.genjin.followup.notify.NotifyStore;
import io.genjin.followup.rules.TaskActions;
import io.genjin.store.CrmStore;
import io.genjin.store.mailbox.SecretCipher;
import io.genjin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the health tests run on: the embedded store, a clock they move, the task actions and notifier the
 * alerts go through (texts are their keys), and the health's store, event handlers and nightly run, in UTC.
 */
abstract class HealthRig {
    final EmbeddedMongo mongo = new EmbeddedMongo();
    final MutableClock clock;
    final CrmStore store;
    final NotifyStore notifications = new NotifyStore(mongo.template(), SecretCipher.withKey(new byte[32]));
    final Notifier notifier;
    final TaskActions actions;
    final HealthStore healthStore = new HealthStore(mongo.template());
    final HealthEvents events;
    final HealthScan scan;

    HealthRig(Instant start) {
        clock = new MutableClock(start);
        store = CrmStore.over(mongo.template(), clock, CrmStore.Backend.EMBEDDED);
        notifier = new Notifier(notifications, (k, l, a) -> k + List.of(a), FollowupSettings.DEFAULTS.notifications(), clock,
                () -> { });
        actions = new TaskActions(store, new Facts(mongo.template()), notifier, (k, l, a) -> k + List.of(a),
                Duration.ofDays(1), ZoneOffset.UTC);
        events = new HealthEvents(store, healthStore, actions, (k, l, a) -> k, clock, ZoneOffset.UTC);
        scan = new HealthScan(store, healthStore, actions, (k, l, a) -> k, clock, ZoneOffset.UTC);
    }

    @AfterEach
    void closeStore() {
        mongo.close();
    }
}
