package io.genjin.gateway.imap;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.base.GreenMailOperations;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.mailbox.SecretCipher;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A GreenMail user with INBOX and a Sent folder, an in-memory store, and messages to put in them. */
final class ImapFixture implements AutoCloseable {
    static final String PASSWORD = "app-password-1";
    final GreenMailOperations greenMail;
    final GreenMailUser user;
    final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    final MongoClient client;
    final MailboxStore store;
    final Clock clock = Clock.systemUTC();
    private final Session session = Session.getInstance(new Properties());

    ImapFixture(GreenMailOperations greenMail) {
        this.greenMail = greenMail;
        this.user = greenMail.setUser("rep@acme.test", "rep@acme.test", PASSWORD);
        mongoServer.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + mongoServer.getLocalAddress().getPort());
        store = MailboxStore.over(new MongoTemplate(client, "genjin"), SecretCipher.withKey(new byte[32]), () -> { },
                clock);
    }

    MailboxAccount account() {
        return account(PASSWORD, Auth.PASSWORD);
    }

    MailboxAccount account(String secret, Auth auth) {
        return store.accounts().add("user-1", "127.0.0.1", greenMail.getImap().getPort(), Security.NONE, user.getLogin(),
                secret, auth);
    }

    MailFolder inbox() throws Exception {
        return greenMail.getManagers().getImapHostManager().getInbox(user);
    }

    MailFolder folder(String name) throws Exception {
        MailFolder folder = greenMail.getManagers().getImapHostManager().getFolder(user, name);
        return folder != null ? folder : greenMail.getManagers().getImapHostManager().createMailbox(user, name);
    }

    void deleteFolder(String name) throws Exception {
        greenMail.getManagers().getImapHostManager().deleteMailbox(user, name);
    }

    /** Appends a message with this Message-ID, received {@code age} ago; returns its UID. */
    long put(MailFolder folder, String messageId, Duration age) throws Exception {
        return folder.appendMessage(message(messageId, "Quote " + messageId, "x".repeat(200)), new Flags(),
                Date.from(Instant.now().minus(age)));
    }

    long put(MailFolder folder, String messageId) throws Exception {
        return put(folder, messageId, Duration.ofHours(1));
    }

    MimeMessage message(String messageId, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        m.setFrom(new InternetAddress("buyer@customer.test"));
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, "rep@acme.test");
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.setSentDate(new Date());
        m.saveChanges();
        return m;
    }

    @Override
    public void close() {
        client.close();
        mongoServer.shutdownNow();
    }
}
