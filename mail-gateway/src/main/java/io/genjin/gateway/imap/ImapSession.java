package io.genjin.gateway.imap;

import io.genjin.store.mailbox.MailboxAccount;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One logged-in IMAP connection for one mailbox account. */
final class ImapSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImapSession.class);
    private final IMAPStore store;
    private final boolean idle;

    private ImapSession(IMAPStore store, boolean idle) {
        this.store = store;
        this.idle = idle;
    }

    static ImapSession open(MailboxAccount account, String secret, SyncSettings settings) throws MessagingException {
        if (settings.outbound() != null) {
            settings.outbound().check(account.host());
        }
        Properties props = new Properties();
        String timeout = Long.toString(settings.timeout().toMillis());
        props.put("mail.imap.connectiontimeout", timeout);
        // The read timeout must outlast an IDLE wait, which is ended by us after pollInterval.
        props.put("mail.imap.timeout", Long.toString(settings.timeout().plus(settings.pollInterval()).toMillis()));
        props.put("mail.imap.writetimeout", timeout);
        props.put("mail.imap.peek", "true");
        props.put("mail.debug", System.getProperty("genjin.imap.debug", "false"));
        switch (account.security()) {
            case SSL -> {
                props.put("mail.imap.ssl.enable", "true");
                props.put("mail.imap.ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                props.put("mail.imap.starttls.enable", "true");
                props.put("mail.imap.starttls.required", "true");
                props.put("mail.imap.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        if (account.auth() == MailboxAccount.Auth.XOAUTH2) {
            // Angus sends the "password" as the OAuth 2.0 bearer token (SASL XOAUTH2).
            props.put("mail.imap.auth.mechanisms", "XOAUTH2");
        }
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect(account.host(), account.port(), account.username(), secret);
        try {
            // RFC 2971. NetEase (163/126) and Coremail answer SELECT with "Unsafe Login" until the
            // client has said who it is. Sent on the store's connection, which the folders reuse.
            if (store.hasCapability("ID")) {
                store.id(Map.of("name", "Genjin", "version", "0.1", "vendor", "Genjin"));
            }
            return new ImapSession(store, store.hasCapability("IDLE"));
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    boolean supportsIdle() {
        return idle;
    }

    /** The folders to sync: INBOX and, when found, the Sent folder (full name, decoded). */
    List<String> folders() throws MessagingException {
        List<SentFolders.Listed> listed = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            IMAPFolder imap = (IMAPFolder) folder;
            listed.add(new SentFolders.Listed(imap.getFullName(), imap.getSeparator(), List.of(imap.getAttributes())));
        }
        Optional<String> sent = SentFolders.choose(listed);
        if (sent.isEmpty()) {
            log.info("No Sent folder found among {} folders; syncing INBOX only", listed.size());
        }
        return sent.map(s -> List.of("INBOX", s)).orElse(List.of("INBOX"));
    }

    IMAPFolder folder(String name) throws MessagingException {
        return (IMAPFolder) store.getFolder(name);
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (MessagingException e) {
            log.debug("closing the IMAP connection failed", e);
        }
    }
}
