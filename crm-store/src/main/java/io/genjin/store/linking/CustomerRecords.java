package io.genjin.store.linking;

/**
 * Records another module keeps about a customer (tracked quotations, sequence enrolments, contracts):
 * those modules depend on the store, not the other way round, so each hands {@link MergeCustomers}
 * one of these and a merge moves their records with the rest. Both methods are per company and
 * {@link #move} is safe to repeat, like every step of a merge.
 */
public interface CustomerRecords {

    /** A stable name for counts and the audit entry ({@code trackedMessages}, {@code enrollments}). */
    String kind();

    long count(String companyId);

    /**
     * Whether a merge preview lists these for a person to weigh; state derived from the mail (the
     * follow-up rules' dates) moves along without being listed.
     */
    default boolean listed() {
        return true;
    }

    /** Points every record of one company at another; returns how many it changed. */
    long move(String fromCompanyId, String toCompanyId);
}
