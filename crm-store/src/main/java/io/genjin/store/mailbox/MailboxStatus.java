package io.genjin.store.mailbox;

import java.time.Instant;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a mailbox's sync is doing, for the API. One document per account (id = account id).
 *
 * @param backlog       messages seen on the server and not yet ingested, at the last count
 * @param initialDone   messages of the initial window ingested so far
 * @param initialTotal  messages in the initial window (0 until counted)
 */
@Document("mailbox_status")
public record MailboxStatus(
        String id,
        State state,
        Instant lastSyncAt,
        Long backlog,
        String lastError,
        Instant lastErrorAt,
        Long initialDone,
        Long initialTotal,
        Instant updatedAt) {

    /** Counters are set one at a time by upserts; one not set yet reads as 0. */
    public MailboxStatus {
        backlog = backlog == null ? 0L : backlog;
        initialDone = initialDone == null ? 0L : initialDone;
        initialTotal = initialTotal == null ? 0L : initialTotal;
    }

    public enum State {
        /** Added, not yet connected. */
        PENDING,
        CONNECTING,
        /** Walking the initial window, newest first. */
        INITIAL_SYNC,
        /** Fetching new mail. */
        SYNCING,
        /** Up to date, waiting on IMAP IDLE. */
        IDLE,
        /** Up to date, the server has no IDLE: polling. */
        POLLING,
        /** The last attempt failed (see lastError); retrying with backoff. */
        ERROR,
        DISABLED
    }

    public static MailboxStatus pending(String accountId, Instant now) {
        return new MailboxStatus(accountId, State.PENDING, null, 0L, null, null, 0L, 0L, now);
    }
}
