package io.genjin.gateway;

/**
 * The ingestion pipeline's front door, used by every transport (IMAP sync, the SMTP dropbox,
 * mbox/eml import, the add-in). Bad mail never throws: it comes back {@code FAILED} and waits in
 * the replayable error store. Only an infrastructure failure (the store is unreachable) throws,
 * and then nothing was acknowledged: SMTP answers 451, IMAP keeps its checkpoint.
 */
@FunctionalInterface
public interface MailIngestion {

    /** Ingests one message; what it returns is durable (the transport may acknowledge it at once). */
    IngestResult ingest(RawMail mail, MailSource source);

    /**
     * A run of messages that nobody is told about one by one (an mbox or .eml import, one fetched
     * batch of an IMAP sync): each result is durable once the batch has flushed, which it does every
     * so many messages and at {@link Batch#close()}, instead of once per message. The IMAP sync moves
     * its checkpoint past a batch only after {@code close()} has returned; the SMTP dropbox keeps one
     * batch open and answers each message's 250 after the {@link Batch#flush()} that followed it. Re-running an interrupted batch is safe (ingestion is
     * idempotent), which is what makes the deferral sound.
     */
    default Batch batch() {
        return new Batch() {
            @Override
            public IngestResult ingest(RawMail mail, MailSource source) {
                return MailIngestion.this.ingest(mail, source);
            }

            @Override
            public void close() {
            }
        };
    }

    /** See {@link MailIngestion#batch()}. */
    interface Batch extends AutoCloseable {
        IngestResult ingest(RawMail mail, MailSource source);

        /**
         * How many of the messages that come next a batch reads ahead: a caller names up to this many
         * with {@link #ahead}. Several, so that a slow message on either side (a large parse, a flush)
         * does not leave the other core waiting.
         */
        int READ_AHEAD = 8;

        /**
         * How many bytes of raw messages a caller holds for {@link #ahead} and a batch reads ahead at
         * once (beyond the next one, which is always named): a run of large messages would otherwise
         * be held {@link #READ_AHEAD} at a time.
         */
        long READ_AHEAD_BYTES = 16 * 1024 * 1024;

        /**
         * Names a message that will be ingested after the next {@link #ingest}; called for the coming
         * messages in the order they will be ingested (again for one already named: nothing changes).
         * A batch may start reading them (parse and classify) on another core. Only a hint; the order
         * of ingestion and every result stay as they are.
         */
        default void ahead(RawMail mail, MailSource source) {
        }

        /**
         * Makes everything ingested in this batch so far durable, and the batch goes on. The events of
         * its messages are appended for the listeners' own poll to take up (as a single dropbox message's
         * are), not handed over here. A batch whose every {@link #ingest} is durable already has nothing to do.
         */
        default void flush() {
        }

        /**
         * Appends the events of what this batch ingested so far for the listeners' poll, as {@link #flush()}
         * does, without making anything durable: for a caller that keeps its own durable journal of what it
         * acknowledges (the dropbox) and flushes the store less often.
         */
        default void publish() {
        }

        /** Makes everything ingested in this batch durable. */
        @Override
        void close();
    }
}
