package io.genjin.gateway.relay;

import io.genjin.gateway.smtp.SpooledMessage;
import io.genjin.store.CrmStore;
import io.genjin.store.relay.RelayStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP relay (submission, RFC 6409): any mail client sends through it, and Genjin logs, tracks
 * and delivers the mail through the user's own SMTP server. Never an open relay: every command that
 * moves mail needs STARTTLS first and then AUTH (PLAIN or LOGIN, offered only once TLS is up), and
 * the sender must be the signed-in user. The per-message rules are in {@link RelayTransaction}.
 */
public final class SmtpRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpRelay.class);
    private static final Duration STALE_SPOOL = Duration.ofDays(1);
    private final RelaySettings settings;
    private final SMTPServer server;

    public SmtpRelay(RelaySettings settings, CrmStore crm, RelayStore relay, OutboundSender sender) {
        this.settings = settings;
        RelayLogin login = new RelayLogin(crm, relay);
        this.server = SMTPServer.port(settings.port())
                .bindAddress(address(settings.host()))
                .hostName(settings.hostname())
                .softwareName("Genjin CRM relay")
                .messageHandlerFactory(context -> new RelayTransaction(settings, login, sender, context))
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(login))
                .startTlsSocketFactory(settings.tls())
                .enableTLS()
                .requireTLS()
                .requireAuth()
                .showAuthCapabilitiesBeforeSTARTTLS(false)
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, settings.maxMessageBytes()))
                .maxConnections(settings.maxConnections())
                .maxRecipients(100)
                .connectionTimeout((int) settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .serverThreadName("genjin-relay")
                .build();
    }

    public SmtpRelay start() {
        try {
            SpooledMessage.sweep(settings.spoolDir(), STALE_SPOOL);
        } catch (IOException e) {
            log.warn("SMTP relay could not sweep its spool directory {}", settings.spoolDir(), e);
        }
        server.start();
        log.info("SMTP relay listening on {}:{} (STARTTLS, then AUTH PLAIN/LOGIN); limit {} bytes", settings.host(),
                port(), settings.maxMessageBytes());
        return this;
    }

    public int port() {
        return server.getPortAllocated();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("genjin.relay.host: cannot resolve " + host, e);
        }
    }
}
