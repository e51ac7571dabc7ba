package io.genjin.app.mailbox;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.gateway.imap.MailboxSync;
import io.genjin.store.CrmStore;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.outbound.OutboundGuard;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds a mailbox to a user: the API ({@code POST /api/users/{id}/mailboxes}) and the mailboxes page
 * both call this. Hosts are checked against the outbound guard, a login is tried first when asked,
 * the account is saved with its password sealed, and the sync starts watching it.
 * Who may do it (the user or an admin) is the caller's check.
 */
@ConditionalOnRole(Roles.API)
@Component
public class AddMailbox {
    private static final Logger log = LoggerFactory.getLogger(AddMailbox.class);
    private final CrmStore crm;
    private final MailboxStore mailboxes;
    private final MailboxSyncs syncs;
    private final OutboundGuard guard;

    AddMailbox(CrmStore crm, MailboxStore mailboxes, MailboxSyncs syncs, OutboundGuard guard) {
        this.crm = crm;
        this.mailboxes = mailboxes;
        this.syncs = syncs;
        this.guard = guard;
    }

    /** IMAP (and optionally SMTP) server and login; null port and security take the usual defaults. */
    public record Request(String host, Integer port, Security security, String username, String secret, Auth auth,
            Server smtp) {
        @Override
        public String toString() {
            return "Request[" + username + "@" + host + ":" + port + ", " + security + ", " + auth + "]";
        }
    }

    public record Server(String host, Integer port, Security security) {
    }

    /** What came of it: added, or why not. */
    public sealed interface Outcome {
        record Added(MailboxAccount account) implements Outcome {
        }

        record AlreadyThere(String username, String host) implements Outcome {
        }

        /** Our outbound rule refuses the host (a private or reserved network). */
        record HostNotAllowed(String host, String reason) implements Outcome {
        }

        /** The login was tried and failed; {@code detail} is the server's words (never the secret). */
        record CheckFailed(String detail) implements Outcome {
        }
    }

    public Outcome add(String actorId, String userId, Request request, boolean verify) {
        crm.users().get(userId);
        String host = normal(request.host());
        if (mailboxes.accounts().exists(userId, host, request.username())) {
            return new Outcome.AlreadyThere(request.username(), host);
        }
        Security security = request.security() == null ? Security.SSL : request.security();
        int port = request.port() != null ? request.port() : security == Security.SSL ? 993 : 143;
        Auth auth = request.auth() == null ? Auth.PASSWORD : request.auth();
        // Sync and the relay connect to these hosts later, whether or not they are verified now.
        Optional<Outcome> refused = refused(host)
                .or(() -> request.smtp() == null ? Optional.empty() : refused(normal(request.smtp().host())));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (verify) {
            MailboxAccount candidate = new MailboxAccount("verify", userId, host, port, security, request.username(), null,
                    auth, true, Instant.now());
            Optional<String> problem = MailboxSync.verify(candidate, request.secret(),
                    syncs.properties().settings().withOutbound(guard));
            if (problem.isPresent()) {
                log.info("mailbox check for user {} on {}:{} failed: {}", userId, host, port, problem.get());
                return new Outcome.CheckFailed(problem.get());
            }
        }
        MailboxAccount added = mailboxes.accounts().add(userId, host, port, security, request.username(), request.secret(),
                auth);
        if (request.smtp() != null) {
            Security smtpSecurity = request.smtp().security() == null ? Security.STARTTLS : request.smtp().security();
            mailboxes.accounts().setSmtp(added.id(), new MailboxAccount.Smtp(normal(request.smtp().host()),
                    request.smtp().port() != null ? request.smtp().port() : smtpSecurity == Security.SSL ? 465 : 587,
                    smtpSecurity));
        }
        MailboxAccount account = mailboxes.accounts().get(added.id());
        crm.audit().record(actorId, "mailbox.added", "user", userId, Map.of("mailboxId", account.id(), "host", host));
        syncs.sync().ifPresent(s -> s.watch(account.id()));
        return new Outcome.Added(account);
    }

    private Optional<Outcome> refused(String host) {
        try {
            guard.check(host);
            return Optional.empty();
        } catch (OutboundGuard.Refused e) {
            // A name that does not resolve yet may be saved (DNS comes later); sync checks it again
            // before every connection, and a check (verify) fails like any other.
            return e.unresolved() ? Optional.empty() : Optional.of(new Outcome.HostNotAllowed(host, e.reason()));
        }
    }

    static String normal(String host) {
        return host.trim().toLowerCase(Locale.ROOT);
    }
}
