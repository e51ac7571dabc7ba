package io.genjin.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.followup.escalation.EscalateOverdueTask;
import io.genjin.followup.facts.Facts;
import io.genjin.followup.notify.Notification;
import io.genjin.followup.notify.Notifier;
import io.genjin.followup.notify.NotifyStore;
import io.genjin.followup.rules.Rules;
import io.genjin.followup.rules.TaskActions;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.contract.Contracts;
import io.genjin.store.customer.Company;
import io.genjin.store.mailbox.SecretCipher;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.Activity;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A scan cut short after its tasks went in and before it told anyone (the process killed, or the
 * telling failed): the next scan raises nothing twice, puts back what the cut-off scan had not
 * written yet, and tells each assignee once about every task; a later scan tells nothing more.
 */
class ScanCutShortTest {
    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private final EmbeddedMongo mongo = new EmbeddedMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void tasksOfAScanThatDiedBeforeTellingAreToldOnceByTheNextScanAndNoneIsRaisedTwice() {
        MongoTemplate template = mongo.template();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        CrmStore store = CrmStore.over(template, clock, CrmStore.Backend.EMBEDDED);
        Facts facts = new Facts(template);
        User rep = store.users().create("Li Lei", List.of("lilei@team.example"), Role.REP, null, null, "en");
        for (int i = 0; i < 3; i++) {
            Company c = store.companies().insert(Company.create(Ids.newId(), "Buyer " + i, List.of("buyer" + i + ".example"),
                    rep.id(), NOW.minus(Duration.ofDays(10))));
            facts.quoteSent(c.id(), NOW.minus(Duration.ofDays(4)));
            facts.customerReplied(c.id(), NOW.minus(Duration.ofDays(5)));
        }
        NotifyStore notifications = new NotifyStore(template, SecretCipher.withKey(new byte[32]));

        assertThatThrownBy(() -> scan(store, facts, template, clock, new Notifier(notifications, (k, l, a) -> k,
                FollowupSettings.DEFAULTS.notifications(), clock, () -> { }) {
            @Override
            public void send(User recipient, Notification.Kind kind, String key, String message, List<String> args,
                    String taskId, String companyId) {
                throw new IllegalStateException("the process dies here");
            }
        }).run()).hasMessageContaining("dies");
        List<Task> raised = store.tasks().assignedTo(rep.id(), EnumSet.of(TaskStatus.OPEN));
        assertThat(raised).hasSize(3);
        assertThat(notifications.notificationsOf(rep.id(), 10)).isEmpty();
        // And its last batch's timeline lines never reached the disk.
        template.remove(Query.query(Criteria.where("sourceKey").regex("^task:")), Activity.class);

        Notifier working = new Notifier(notifications, (k, l, a) -> k + List.of(a), FollowupSettings.DEFAULTS.notifications(),
                clock, () -> { });
        ScanReport next = scan(store, facts, template, clock, working).run();
        assertThat(next.tasksCreated()).isZero();
        assertThat(store.tasks().assignedTo(rep.id(), EnumSet.allOf(TaskStatus.class))).hasSize(3);
        assertThat(notifications.notificationsOf(rep.id(), 10)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.Kind.DIGEST);
            assertThat(n.text()).as("one digest of the three").startsWith("followup.notify.digest.text[3,");
        });
        Map<String, Long> lines = template.find(Query.query(Criteria.where("sourceKey").regex("^task:")), Activity.class)
                .stream().collect(Collectors.groupingBy(Activity::sourceKey, Collectors.counting()));
        assertThat(lines).as("each task's line is back, once")
                .containsOnlyKeys(raised.stream().map(t -> "task:" + t.id()).toList()).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
        assertThat(facts.untold().all()).isEmpty();

        scan(store, facts, template, clock, working).run();
        assertThat(notifications.notificationsOf(rep.id(), 10)).as("told once").hasSize(1);
    }

    private static FollowupScan scan(CrmStore store, Facts facts, MongoTemplate template, Clock clock, Notifier notifier) {
        FollowupSettings settings = new FollowupSettings(Duration.ZERO, ZoneOffset.UTC, null, null, null, null);
        TaskActions actions = new TaskActions(store, facts, notifier, (k, l, a) -> k + List.of(a), settings.taskDueIn(),
                settings.timeZone());
        return new FollowupScan(store, facts, new Contracts(template), Rules.of(settings.rules()), actions,
                new EscalateOverdueTask(store, notifier, (k, l, a) -> k, settings.escalation(), settings.timeZone()),
                notifier, settings, clock);
    }
}
