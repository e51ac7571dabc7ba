package io.genjin.store.linking;

import java.util.List;
import java.util.Map;

/**
 * What a company merge moved. {@code activitiesDropped} are the loser's copies of activities the
 * survivor already had (the same email on both timelines); {@code ordersLeftOnLoser} are orders
 * whose number the survivor already had. {@code conflictsClosed} are the loser's open ownership
 * conflicts the merge made moot (the claimant owns the survivor, or the survivor already has the
 * claimant's conflict). {@code elsewhere} counts what other modules moved, by
 * {@link CustomerRecords#kind()}. {@code resumed}: this run finished an interrupted merge.
 */
public record MergeResult(String survivorId, String loserId, List<String> domainsAdded, long contacts, long messages,
        long activities, long activitiesDropped, long tasks, long opportunities, long orders, long ordersLeftOnLoser,
        long payments, long contactsMerged, long conflicts, long conflictsClosed, Map<String, Long> elsewhere,
        boolean resumed) {

    public MergeResult {
        domainsAdded = domainsAdded == null ? List.of() : List.copyOf(domainsAdded);
        elsewhere = elsewhere == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(elsewhere));
    }
}
