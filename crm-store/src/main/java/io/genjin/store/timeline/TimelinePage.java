package io.genjin.store.timeline;

import java.util.List;

/** A page of a timeline, newest first, and the cursor for the next (older) page, if any. */
public record TimelinePage(List<Activity> items, String nextCursor) {
}
