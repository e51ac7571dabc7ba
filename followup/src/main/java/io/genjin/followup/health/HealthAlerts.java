package io.genjin.followup.health;

import io.genjin.followup.People;
import io.genjin.followup.Texts;
import io.genjin.followup.health.CustomerHealth.Part;
import io.genjin.followup.rules.Assignee;
import io.genjin.followup.rules.RuleSetting;
import io.genjin.followup.rules.TaskActions;
import io.genjin.followup.rules.Want;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Grade;
import io.genjin.store.task.Priority;
import io.genjin.store.task.TaskType;
import io.genjin.store.user.User;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a drop or a tone warning does: a task for the owner (on the timeline, told to them) and a copy
 * to their manager, through the rules' own task actions. The dedupe key holds the moment the episode
 * began, so a redelivered event or a second replica raises it once.
 */
class HealthAlerts {
    static final String DROP = "health-drop";
    static final String TONE = "tone-warning";
    private static final RuleSetting SETTING = new RuleSetting(true, EnumSet.allOf(Grade.class), Assignee.OWNER,
            Priority.HIGH, null, Map.of(), List.of(), true);
    private final TaskActions actions;
    private final Texts texts;

    HealthAlerts(TaskActions actions, Texts texts) {
        this.actions = actions;
        this.texts = texts;
    }

    void on(Assess.Outcome outcome, Company company, HealthPolicy policy, People people, Instant now) {
        if (company == null || company.ownerId() == null) {
            return;
        }
        CustomerHealth h = outcome.health();
        if (outcome.dropped()) {
            Locale locale = Texts.localeOf(people.user(company.ownerId()).map(User::locale).orElse(null));
            String fell = outcome.fell().stream().limit(3)
                    .map(p -> texts.text("health.component." + p.key(), locale) + " " + p.score())
                    .collect(Collectors.joining(", "));
            actions.raise(Want.task(DROP, DROP + ":" + company.id() + ":" + h.belowSince().toEpochMilli(), TaskType.FOLLOW_UP,
                    DROP, company.name(), Integer.toString(h.score()), Integer.toString(policy.threshold()),
                    fell.isEmpty() ? "-" : fell), company, SETTING, people, now, true);
        }
        if (outcome.warned()) {
            actions.raise(Want.task(TONE, TONE + ":" + company.id() + ":" + h.warningSince().toEpochMilli(), TaskType.FOLLOW_UP,
                    TONE, company.name()), company, SETTING, people, now, true);
        }
    }

    static List<String> fellKeys(List<Part> fell) {
        return fell.stream().map(Part::key).toList();
    }
}
