package io.genjin.store.customer;

/** The customer stages of an export sale, in the order a deal normally moves through them. */
public enum Stage {
    LEAD, INQUIRY, QUOTED, SAMPLE, NEGOTIATION, WON, LOST, DORMANT
}
