package io.genjin.tracking.message;

import io.genjin.tracking.classify.SeenHit;
import java.util.List;

/**
 * A recipient of a tracked message, with its own counters and its latest hits ({@code recent}, at
 * most {@link #RECENT} of them) for the rules that look at a recipient's history.
 */
public record TrackedRecipient(String address, String contactId, boolean sender, Counters counters, List<SeenHit> recent) {
    public static final int RECENT = 32;

    public TrackedRecipient {
        counters = counters == null ? Counters.ZERO : counters;
        recent = recent == null ? List.of() : List.copyOf(recent);
    }
}
