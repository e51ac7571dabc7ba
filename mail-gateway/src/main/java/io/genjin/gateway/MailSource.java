package io.genjin.gateway;

import java.util.List;

/** Where a message came from, and on whose behalf: every transport says it in one of these. */
public sealed interface MailSource {

    /** The user whose mailbox this is, or who sent it in (BCC, forward, import). */
    String ownerUserId();

    /** Seen in a synced IMAP folder; the checkpoint may advance past {@code uid} once ingested. */
    record Imap(String accountId, String ownerUserId, String folder, long uidValidity, long uid, boolean sentFolder)
            implements MailSource {
    }

    /** Sent to the SMTP dropbox by a known user, as a BCC copy or as a forward of someone else's mail. */
    record Dropbox(Mode mode, String ownerUserId, String envelopeFrom, List<String> envelopeRecipients)
            implements MailSource {
        public Dropbox {
            envelopeRecipients = List.copyOf(envelopeRecipients);
        }

        /** BCC: log the message itself. FORWARD: log the original it carries. */
        public enum Mode {
            BCC, FORWARD
        }
    }

    /**
     * Sent by Genjin for a user, after the upstream server accepted it: through the SMTP relay, or as a
     * sequence step. Logged like a message seen in the user's Sent folder, so a later sync of that
     * folder finds it by Message-ID and stores nothing twice.
     */
    record Sent(Via via, String ownerUserId, String envelopeFrom, List<String> envelopeRecipients)
            implements MailSource {
        public Sent {
            envelopeRecipients = List.copyOf(envelopeRecipients);
        }

        public enum Via {
            RELAY, SEQUENCE
        }
    }

    /**
     * Logged by a user from the Outlook add-in ("log this message"): the message as Outlook exported
     * it, or rebuilt from the item's fields where the export is missing. A sync or BCC copy of the
     * same message is the same message (by Message-ID).
     */
    record Addin(String ownerUserId) implements MailSource {
    }

    /** Read from an mbox file or a directory of .eml files. */
    record Import(String ownerUserId, String origin) implements MailSource {
    }
}
