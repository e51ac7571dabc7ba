package io.genjin.classifier.bounce;

/** Why delivery failed, in the classes a salesperson acts on differently. */
public enum BounceReason {
    USER_UNKNOWN, MAILBOX_FULL, BLOCKED_SPAM, HOST_UNKNOWN, EXPIRED, POLICY, OTHER;

    /** Address-level death: the contact has left or the domain is gone — never retry. */
    boolean deadAddress() {
        return this == USER_UNKNOWN || this == HOST_UNKNOWN;
    }
}
