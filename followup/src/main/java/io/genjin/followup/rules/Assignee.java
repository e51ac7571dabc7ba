package io.genjin.followup.rules;

/** Who gets a rule's task: the customer's owner, or the owner's manager. */
public enum Assignee {
    OWNER, OWNER_MANAGER
}
