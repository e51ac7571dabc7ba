package io.genjin.followup.rules;

/**
 * A follow-up rule: its name (also the task's {@code originRule} and the settings key under
 * {@code genjin.followup.rules}), what triggers it, and its settings. The human description of its
 * trigger, condition and action is in the message bundles under {@code followup.rule.<name>.*}.
 */
public interface Rule {
    String name();

    /** {@code scan}, or the simple name of the domain event the rule listens to. */
    String trigger();

    RuleSetting setting();
}
