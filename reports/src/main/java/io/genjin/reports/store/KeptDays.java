package io.genjin.reports.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rollup day documents kept in the process, already read into objects, each with the version of
 * its day it was read at (docs/reports.md, "How the figures are kept"). A kept document serves a
 * report only while its day's version in the store ({@code report_day_versions}) is still that
 * version and the rollups were built by the same rebuild; every write of a day raises its version,
 * so a write made by any process is seen by the next report. At most {@code max} documents are
 * kept, the least recently used dropped first.
 */
final class KeptDays {
    /** Kept for a document that does not exist (a user without mail that day). */
    static final Object ABSENT = new Object();

    private record Entry(long generation, long version, Object value) {
    }

    private final Map<String, Entry> entries;

    KeptDays(int max) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > max;
            }
        };
    }

    /** The kept value of a document read at this version of its day and this generation, else null. */
    synchronized Object get(String key, long generation, long version) {
        Entry e = entries.get(key);
        return e != null && e.generation == generation && e.version == version ? e.value : null;
    }

    synchronized void put(String key, long generation, long version, Object value) {
        entries.put(key, new Entry(generation, version, value));
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
