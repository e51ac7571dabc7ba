package io.genjin.store.events;

import java.time.Instant;

/**
 * A person at a customer (not a mail scanner or privacy proxy) showed strong buying intent on a
 * tracked message: a quotation opened in several sessions, or a tracked link clicked. The tracking
 * module raises the HIGH priority task ({@code taskId}) before publishing, so listeners notify; they
 * do not create a second task.
 *
 * @param signal     {@link Signal#REPEATED_OPENS} or {@link Signal#CLICK}
 * @param url        the clicked link for a click, else null
 */
public record CustomerShowedIntent(String messageId, String companyId, String contactAddress, String ownerId,
        String taskId, Signal signal, String url, Instant occurredAt) {

    public enum Signal { REPEATED_OPENS, CLICK }
}
