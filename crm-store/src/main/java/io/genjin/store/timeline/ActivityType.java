package io.genjin.store.timeline;

/** What kind of line an activity is on a customer's timeline. */
public enum ActivityType {
    EMAIL, NOTE, CALL, MEETING, WHATSAPP, STAGE_CHANGE, TASK, TRACKING, ORDER
}
