package io.genjin.store.task;

/** A task is open until someone (or the condition that raised it clearing) closes it. */
public enum TaskStatus {
    OPEN, DONE, CANCELLED
}
