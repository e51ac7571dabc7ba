package io.genjin.store.linking;

/** Which heuristic decided a message's customer (see the package documentation for their order). */
public enum LinkStep {
    /** The message itself was linked before (seen again in another mailbox, re-imported). */
    ALREADY_LINKED,
    /** In-Reply-To or one of the last References names a message already linked to a customer. */
    THREAD,
    /** A participant's exact address belongs to a contact of the customer. */
    ADDRESS,
    /** A participant's business domain belongs to the customer; no contact was created (policy NEVER). */
    DOMAIN,
    /** A participant's business domain belongs to the customer; a contact was created for them. */
    CREATED_CONTACT,
    /** Nothing matched; a LEAD company (and contact) was created from the business domain. */
    CREATED_LEAD,
    /** Every participant is internal (the team's domains or users): not customer mail. */
    NONE_INTERNAL,
    /** The only external participants write from free-mail domains, which never make a company. */
    NONE_FREE_MAIL_POLICY,
    /** A business domain matched nothing and the policy forbids creating a company. */
    NONE_AUTO_CREATE_OFF;

    public boolean linked() {
        return !name().startsWith("NONE_");
    }
}
