package io.genjin.app.mailbox;

import io.genjin.gateway.imap.MailboxSync;
import java.util.Optional;

/** The running IMAP sync, when there is one. */
record MailboxSyncs(Optional<MailboxSync> sync, MailboxProperties properties) implements AutoCloseable {

    boolean running() {
        return sync.isPresent();
    }

    @Override
    public void close() {
        sync.ifPresent(MailboxSync::close);
    }
}
