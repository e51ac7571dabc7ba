package io.genjin.store.linking;

/**
 * Why a message is on a customer's timeline, or why it is on none (see the package documentation for
 * the order in which evidence is weighed). Each link carries its own step; a decision's step is its
 * first link's, or the reason it was held back.
 */
public enum LinkStep {
    /** The message itself was linked before (seen again in another mailbox, re-imported). */
    ALREADY_LINKED,
    /** In-Reply-To or one of the last References names a message already linked to the customer. */
    THREAD,
    /** A participant's exact address belongs to a contact of the customer. */
    ADDRESS,
    /** A participant's business domain (or a domain alias) belongs to the customer; no contact was created. */
    DOMAIN,
    /** A participant's business domain belongs to the customer; a contact was created for them. */
    CREATED_CONTACT,
    /** Nothing matched; a LEAD company (and contact) was created from the business domain. */
    CREATED_LEAD,
    /** The message carries a forwarded original (inline or attached) from or to the customer. */
    FORWARDED,
    /** A bounce: the original it reports on, or the address that failed, is the customer's. */
    BOUNCED_ORIGINAL,
    /** A person put the message on this timeline (moved it here, or said it also belongs here). */
    CORRECTED,
    /** Every participant is internal (the team's domains or users) and no thread or forward names a customer. */
    NONE_INTERNAL,
    /** The only external participants write from free-mail domains, which never make a company. */
    NONE_FREE_MAIL_POLICY,
    /** A business domain matched nothing and the policy forbids creating a company. */
    NONE_AUTO_CREATE_OFF,
    /** Bulk or automated mail (newsletter, platform notice, mail daemon, no-reply sender) from no known customer. */
    NONE_AUTOMATED,
    /** A bounce whose original and failed addresses belong to no known customer. */
    NONE_BOUNCE_UNMATCHED,
    /** A person said this is not customer mail (for this message, or always for its sender or domain). */
    NONE_NOT_CUSTOMER;

    public boolean linked() {
        return !name().startsWith("NONE_");
    }
}
