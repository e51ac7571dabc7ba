package io.genjin.store.task;

/** HIGH is reserved for "contact now" signals such as a customer reopening a quote. */
public enum Priority {
    LOW, NORMAL, HIGH
}
