package io.genjin.store.task;

/** What a task asks the salesperson to do. */
public enum TaskType {
    FOLLOW_UP, CALL, EMAIL, MEETING, QUOTE, SAMPLE, REACTIVATE, OTHER
}
