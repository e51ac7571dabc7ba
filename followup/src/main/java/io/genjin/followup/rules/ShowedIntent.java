package io.genjin.followup.rules;

/**
 * Trigger: {@code CustomerShowedIntent} from tracking (a quote opened in several sessions by a
 * person, or a tracked link clicked). Condition: the rule is on. Action: tracking has raised the
 * HIGH task already; this rule notifies its assignee at once, on every channel. Overdue, it
 * escalates like any HIGH task.
 */
record ShowedIntent(RuleSetting setting) implements Rule {
    static final String NAME = "showed-intent";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String trigger() {
        return "CustomerShowedIntent";
    }
}
