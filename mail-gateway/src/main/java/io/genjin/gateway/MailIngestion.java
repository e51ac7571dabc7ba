package io.genjin.gateway;

/**
 * The ingestion pipeline's front door, used by every transport (IMAP sync, the SMTP dropbox,
 * mbox/eml import, the add-in). Bad mail never throws: it comes back {@code FAILED} and waits in
 * the replayable error store. Only an infrastructure failure (the store is unreachable) throws,
 * and then nothing was acknowledged: SMTP answers 451, IMAP keeps its checkpoint.
 */
@FunctionalInterface
public interface MailIngestion {

    IngestResult ingest(RawMail mail, MailSource source);
}
