package io.genjin.store.linking;

import java.util.List;

/**
 * What a company merge moved. {@code activitiesDropped} are the loser's copies of activities the
 * survivor already had (the same email on both timelines); {@code ordersLeftOnLoser} are orders
 * whose number the survivor already had. {@code resumed}: this run finished an interrupted merge.
 */
public record MergeResult(String survivorId, String loserId, List<String> domainsAdded, long contacts, long messages,
        long activities, long activitiesDropped, long tasks, long opportunities, long orders, long ordersLeftOnLoser,
        long payments, long contactsMerged, boolean resumed) {

    public MergeResult {
        domainsAdded = domainsAdded == null ? List.of() : List.copyOf(domainsAdded);
    }
}
