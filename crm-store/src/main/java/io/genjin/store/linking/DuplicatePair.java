package io.genjin.store.linking;

/**
 * Two live companies that look like one customer, strongest evidence first. {@code survivorId} is
 * the older one, the suggested survivor of a merge; {@code evidence} is the shared address, domain or
 * normalized name. Different owners on the two sides make it an ownership question (撞客) too:
 * nothing is merged without a person deciding.
 */
public record DuplicatePair(String survivorId, String loserId, Reason reason, String evidence) {

    /** In order of strength: the same person is the surest sign, a similar name the weakest. */
    public enum Reason {
        SHARED_CONTACT_ADDRESS, SHARED_DOMAIN, SAME_NORMALIZED_NAME
    }
}
