package io.genjin.followup.rules;

import io.genjin.store.customer.Company;
import io.genjin.store.customer.Stage;
import io.genjin.store.events.StageChanged;
import io.genjin.store.task.TaskType;
import java.util.List;
import java.util.Map;

/**
 * Trigger: {@code StageChanged} (a customer's or an opportunity's). Condition: the new stage has
 * tasks below. Action: those tasks, due {@code after} (2 days) from the move; the open tasks of the
 * stage left behind close ("moved on").
 */
record StageTasks(RuleSetting setting) implements Rule {
    static final String NAME = "stage-tasks";

    /** What each stage asks for, as {@code followup.task.stage.<key>} titles. */
    static final Map<Stage, List<Step>> STEPS = Map.of(
            Stage.INQUIRY, List.of(new Step("qualify", TaskType.EMAIL)),
            Stage.QUOTED, List.of(new Step("prepare-quote", TaskType.QUOTE), new Step("approve-quote", TaskType.QUOTE)),
            Stage.SAMPLE, List.of(new Step("ship-samples", TaskType.SAMPLE)),
            Stage.NEGOTIATION, List.of(new Step("confirm-terms", TaskType.CALL)),
            Stage.WON, List.of(new Step("confirm-order", TaskType.FOLLOW_UP)),
            Stage.LOST, List.of(new Step("record-loss", TaskType.OTHER)));

    record Step(String key, TaskType type) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String trigger() {
        return "StageChanged";
    }

    List<Want> on(StageChanged change, Company company) {
        String scope = change.opportunityId() == null ? "company" : change.opportunityId();
        return STEPS.getOrDefault(change.to(), List.of()).stream()
                .map(step -> Want.task(NAME, prefix(company.id(), scope) + change.to() + ":"
                                + change.occurredAt().toEpochMilli() + ":" + step.key(), step.type(), "stage." + step.key(),
                        company.name())
                        .dueAt(change.occurredAt().plus(setting.after())))
                .toList();
    }

    static String prefix(String companyId, String scope) {
        return NAME + ":" + companyId + ":" + scope + ":";
    }
}
