package io.genjin.gateway.smtp;

import io.genjin.gateway.MailIngestion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The SMTP dropbox: an in-process listener that takes BCC-to-CRM and forward-to-CRM mail from
 * Genjin's users and hands it to the ingestion pipeline. It delivers nowhere else: there is no
 * relay code path, so it cannot be an open relay. The rules for one transaction are listed in
 * {@link DropboxTransaction}; the sessions' messages go through the pipeline on one thread, in groups
 * with one flush each ({@link GroupedIngestion}). Over a store whose flush is a commit of its file (the
 * embedded store), a group's messages are made durable in a journal instead ({@link DropboxJournal}),
 * and the store every few seconds: at a start, the dropbox first ingests again what the journal still
 * holds, then listens.
 */
public final class SmtpDropbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpDropbox.class);
    /** Far longer than any transaction can last, so a sweep never touches a live one. */
    private static final Duration STALE_SPOOL = Duration.ofDays(1);
    private final DropboxSettings settings;
    private final SMTPServer server;
    private final GroupedIngestion grouped;

    public SmtpDropbox(DropboxSettings settings, KnownSenders senders, MailIngestion pipeline) {
        this(settings, senders, pipeline, null, Duration.ZERO);
    }

    /**
     * {@code journalDir}: where acknowledged mail is journaled (null: each group's flush makes the store
     * durable); {@code checkpointEvery}: how often at most, under load, the store is then made durable.
     */
    public SmtpDropbox(DropboxSettings settings, KnownSenders senders, MailIngestion pipeline, Path journalDir,
            Duration checkpointEvery) {
        this.settings = settings;
        if (journalDir != null && (checkpointEvery == null || checkpointEvery.isNegative() || checkpointEvery.isZero())) {
            throw new IllegalArgumentException("genjin.dropbox.checkpoint-every must be positive, was " + checkpointEvery);
        }
        this.grouped = new GroupedIngestion(pipeline, journalDir == null ? null : new DropboxJournal(journalDir),
                journalDir == null ? 0 : checkpointEvery.toNanos());

        AtomicLong transactions = new AtomicLong();
        ClientNetworks networks = ClientNetworks.parse(settings.allowedNetworks());
        this.server = SMTPServer.port(settings.port())
                .bindAddress(address(settings.host()))
                .hostName(settings.hostname())
                .softwareName("Genjin CRM dropbox")
                .messageHandlerFactory(context -> new DropboxTransaction(settings, senders, grouped, context,
                        context.getSessionId() + "." + transactions.incrementAndGet()))
                .sessionHandler(new AllowedNetworks(networks))
                // Advertised in EHLO (RFC 1870) and checked against MAIL FROM's SIZE=; counted again in DATA.
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, settings.maxMessageBytes()))
                .maxConnections(settings.maxConnections())
                .maxRecipients(100)
                .connectionTimeout((int) settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .serverThreadName("genjin-dropbox")
                .build();
    }

    public SmtpDropbox start() {
        try {
            int stale = SpooledMessage.sweep(settings.spoolDir(), STALE_SPOOL);
            if (stale > 0) {
                log.info("SMTP dropbox removed {} spool files left by an earlier crash (never acknowledged)", stale);
            }
        } catch (IOException e) {
            log.warn("SMTP dropbox could not sweep its spool directory {}", settings.spoolDir(), e);
        }
        grouped.start();
        server.start();
        log.info("SMTP dropbox listening on {}:{}; BCC {} forward {}; limit {} bytes", settings.host(), port(),
                settings.bccAddresses(), settings.forwardAddresses(), settings.maxMessageBytes());
        return this;
    }

    /** The bound port; differs from the configured one when that was 0. */
    public int port() {
        return server.getPortAllocated();
    }

    /** How many messages wait for the pipeline's next group. */
    int waiting() {
        return grouped.waiting();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.stop();
        grouped.close();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("genjin.dropbox.host: cannot resolve " + host, e);
        }
    }

    /** Refuses a client outside the allowed networks before it can say anything. */
    private record AllowedNetworks(ClientNetworks networks) implements SessionHandler {
        @Override
        public SessionAcceptance accept(Session session) {
            InetSocketAddress remote = session.getRemoteAddress();
            if (networks.allows(remote.getAddress())) {
                return SessionAcceptance.success();
            }
            Reply refusal = Reply.networkNotAllowed();
            log.info("dropbox client {} refused: not in genjin.dropbox.allowed-networks", remote.getAddress());
            return SessionAcceptance.failure(refusal.code(), refusal.text());
        }

        @Override
        public void onSessionEnd(Session session) {
        }
    }
}
