package io.genjin.followup.rules;

import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.task.TaskType;

/**
 * Trigger: {@code MessageBounced}, hard (the address is dead). Condition: the address is a known
 * contact's. Action: the contact is marked as having left, and the owner gets a "rebuild the
 * relationship" task: find who took over.
 */
record ContactLeft(RuleSetting setting) implements Rule {
    static final String NAME = "contact-left";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String trigger() {
        return "MessageBounced";
    }

    Want on(Contact contact, String address, Company company) {
        return Want.task(NAME, NAME + ":" + contact.id(), TaskType.FOLLOW_UP, NAME, company.name(),
                contact.name() == null ? address : contact.name(), address);
    }
}
