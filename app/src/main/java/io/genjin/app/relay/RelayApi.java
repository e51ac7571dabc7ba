package io.genjin.app.relay;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.relay.OutboundMail;
import io.genjin.store.relay.RelayCredential;
import io.genjin.store.relay.RelayCredentials;
import io.genjin.store.relay.RelayStore;
import io.genjin.store.relay.Tracking;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's relay: the passwords their mail clients sign in with (the secret is shown once), their
 * tracking setting, the SMTP server of their mailbox, and their outbound mail with the retry queue.
 * Changing anything: the user or an admin. Reading: also whoever may see the user's customers
 * (their manager), as for mailboxes.
 */
@ConditionalOnRole(Roles.API)
@RestController
class RelayApi {
    private final CrmStore crm;
    private final RelayStore relay;
    private final MailboxStore mailboxes;
    private final RelayProperties properties;
    private final RelayPasswords passwords;
    private final io.genjin.app.mailbox.SetMailboxSmtp setSmtp;

    RelayApi(CrmStore crm, RelayStore relay, MailboxStore mailboxes, RelayProperties properties, RelayPasswords passwords,
            io.genjin.app.mailbox.SetMailboxSmtp setSmtp) {
        this.setSmtp = setSmtp;
        this.passwords = passwords;
        this.crm = crm;
        this.relay = relay;
        this.mailboxes = mailboxes;
        this.properties = properties;
    }

    @PostMapping("/api/users/{id}/relay-credentials")
    ResponseEntity<IssuedView> issue(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @Valid @RequestBody NewCredential body) {
        requireSelfOrAdmin(me, id);
        User user = crm.users().get(id);
        RelayCredentials.Issued issued = passwords.issue(me.userId(), id, body.label());
        return ResponseEntity.created(URI.create("/api/users/" + id + "/relay-credentials/" + issued.credential().id()))
                .body(new IssuedView(CredentialView.of(issued.credential()), user.primaryAddress(), issued.secret(),
                        properties.hostname(), properties.port(), "STARTTLS"));
    }

    @GetMapping("/api/users/{id}/relay-credentials")
    List<CredentialView> credentials(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        requireVisible(me, id);
        return relay.credentials().ofUser(id).stream().map(CredentialView::of).toList();
    }

    @DeleteMapping("/api/users/{id}/relay-credentials/{credentialId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @PathVariable String credentialId) {
        requireSelfOrAdmin(me, id);
        if (!passwords.revoke(me.userId(), id, credentialId)) {
            throw new NotFound("relay credential", credentialId);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/users/{id}/relay")
    RelayView settings(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        requireVisible(me, id);
        return view(id);
    }

    @PutMapping("/api/users/{id}/relay")
    RelayView update(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @Valid @RequestBody RelayUpdate body) {
        requireSelfOrAdmin(me, id);
        crm.users().get(id);
        relay.setTracking(id, body.tracking());
        return view(id);
    }

    /** Sets the SMTP server of one of the user's mailboxes (same login and secret as the mailbox). */
    @PutMapping("/api/users/{id}/mailboxes/{mailboxId}/smtp")
    SmtpView setSmtp(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @PathVariable String mailboxId,
            @Valid @RequestBody SmtpServer body) {
        requireSelfOrAdmin(me, id);
        MailboxAccount account = mailboxes.accounts().find(mailboxId).filter(a -> a.userId().equals(id))
                .orElseThrow(() -> new NotFound("mailbox", mailboxId));
        MailboxAccount.Smtp smtp = setSmtp.set(me.userId(), account, body.host(), body.port(), body.security());
        return new SmtpView(mailboxId, smtp.host(), smtp.port(), smtp.security());
    }

    /** The user's outbound mail, newest first; {@code status=QUEUED,FAILED} is the retry queue. */
    @GetMapping("/api/users/{id}/outbound")
    List<OutboundView> outbound(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @RequestParam(required = false) List<OutboundMail.Status> status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        requireVisible(me, id);
        return relay.outbound().ofUser(id, status == null ? List.of() : status, limit).stream().map(OutboundView::of)
                .toList();
    }

    /** Retry a queued or failed message now (202); 404 when there is no such message that can be retried. */
    @PostMapping("/api/users/{id}/outbound/{mailId}/retry")
    ResponseEntity<OutboundView> retry(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @PathVariable String mailId) {
        requireSelfOrAdmin(me, id);
        if (!relay.outbound().retryNow(id, mailId)) {
            throw new NotFound("queued outbound message", mailId);
        }
        return ResponseEntity.accepted().body(OutboundView.of(relay.outbound().find(mailId).orElseThrow()));
    }

    /** Discard a queued or failed message: it will not be sent. */
    @DeleteMapping("/api/users/{id}/outbound/{mailId}")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @PathVariable String mailId) {
        requireSelfOrAdmin(me, id);
        if (!relay.outbound().cancel(id, mailId)) {
            throw new NotFound("queued outbound message", mailId);
        }
        return ResponseEntity.noContent().build();
    }

    private RelayView view(String userId) {
        List<SmtpView> senders = mailboxes.accounts().ofUser(userId).stream().filter(MailboxAccount::canSend)
                .map(a -> new SmtpView(a.id(), a.smtp().host(), a.smtp().port(), a.smtp().security())).toList();
        return new RelayView(properties.hostname(), properties.port(), "STARTTLS", properties.enabled(),
                relay.trackingOf(userId), senders,
                relay.outbound().ofUser(userId, List.of(OutboundMail.Status.QUEUED), 500).size(),
                relay.outbound().ofUser(userId, List.of(OutboundMail.Status.FAILED), 500).size());
    }

    private void requireVisible(SignedIn me, String userId) {
        Scope scope = crm.access().scope(me.viewer());
        if (!scope.all() && !scope.owners().contains(userId)) {
            throw new NotFound("user", userId);
        }
        crm.users().get(userId);
    }

    private static void requireSelfOrAdmin(SignedIn me, String userId) {
        if (!me.userId().equals(userId) && me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only the user or an admin can change a user's relay settings.");
        }
    }

    record NewCredential(@NotBlank @Size(max = 100) String label) {
    }

    record RelayUpdate(@NotNull Tracking tracking) {
    }

    record SmtpServer(@NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9.\\-\\[\\]:]+") String host,
            @Min(1) @Max(65535) Integer port, Security security) {
    }

    record SmtpView(String mailboxId, String host, int port, Security security) {
    }

    /** What a mail client needs: server, port, STARTTLS, the username (any of the user's addresses) and the secret. */
    record IssuedView(CredentialView credential, String username, String password, String server, int port,
            String security) {
    }

    record CredentialView(String id, String label, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static CredentialView of(RelayCredential c) {
            return new CredentialView(c.id(), c.label(), c.createdAt(), c.lastUsedAt(), c.revokedAt());
        }
    }

    /**
     * @param sendingMailboxes the user's mailboxes that can send (have an SMTP server)
     * @param queued           messages waiting in the retry queue
     * @param failed           messages that could not be sent
     */
    record RelayView(String server, int port, String security, boolean listening, Tracking tracking,
            List<SmtpView> sendingMailboxes, int queued, int failed) {
    }

    record OutboundView(String id, String messageId, String origin, String subject, List<String> recipients,
            OutboundMail.Status status, int attempts, int lastCode, String lastReply, Instant createdAt,
            Instant nextAttemptAt, Instant sentAt) {
        static OutboundView of(OutboundMail m) {
            return new OutboundView(m.id(), m.messageId(), m.origin().name(), m.subject(), m.recipients(), m.status(),
                    m.attempts(), m.lastCode(), m.lastReply(), m.createdAt(), m.nextAttemptAt(), m.sentAt());
        }
    }

}
