package io.genjin.followup;

/** What one scan did. */
public record ScanReport(long customers, long tasksCreated, long tasksClosed, long escalated, long movedToDormantPool,
        long notifications, long millis) {
}
