package io.genjin.store.message;

/** Seen from the team: mail from a customer is inbound, mail to one outbound, mail among users internal. */
public enum Direction {
    INBOUND, OUTBOUND, INTERNAL
}
