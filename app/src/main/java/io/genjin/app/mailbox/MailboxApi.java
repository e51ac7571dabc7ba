package io.genjin.app.mailbox;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.app.web.Conflict;
import io.genjin.gateway.imap.MailboxSync;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxStatus;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.user.Role;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's synced mailboxes. Adding, removing and syncing: the user themselves or an admin. Seeing
 * them with their sync status: also the user's manager. Secrets go in and never come out.
 */
@ConditionalOnRole(Roles.API)
@RestController
class MailboxApi {
    private final CrmStore crm;
    private final MailboxStore mailboxes;
    private final MailboxSyncs syncs;
    private final AddMailbox addMailbox;

    MailboxApi(CrmStore crm, MailboxStore mailboxes, MailboxSyncs syncs, AddMailbox addMailbox) {
        this.addMailbox = addMailbox;
        this.crm = crm;
        this.mailboxes = mailboxes;
        this.syncs = syncs;
    }

    /** Adds a mailbox; with {@code verify=true} logs in first and refuses (422) what does not work. */
    @PostMapping("/api/users/{id}/mailboxes")
    ResponseEntity<?> add(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean verify, @Valid @RequestBody NewMailbox body) {
        requireSelfOrAdmin(me, id);
        AddMailbox.Outcome outcome = addMailbox.add(me.userId(), id, new AddMailbox.Request(body.host(), body.port(),
                body.security(), body.username(), body.secret(), body.auth(), body.smtp() == null ? null
                        : new AddMailbox.Server(body.smtp().host(), body.smtp().port(), body.smtp().security())), verify);
        if (outcome instanceof AddMailbox.Outcome.Added added) {
            MailboxAccount account = added.account();
            return ResponseEntity.created(URI.create("/api/users/" + id + "/mailboxes/" + account.id()))
                    .body(MailboxView.of(account, mailboxes.statuses().of(account.id()), syncs.running()));
        }
        if (outcome instanceof AddMailbox.Outcome.AlreadyThere there) {
            throw new Conflict("This user already has the mailbox " + there.username() + " on " + there.host() + ".");
        }
        if (outcome instanceof AddMailbox.Outcome.HostNotAllowed refused) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, "Genjin does not connect to "
                    + refused.host() + " (" + refused.reason()
                    + "); an admin can allow its network in genjin.outbound.allowed-networks.");
            detail.setTitle("Address not allowed");
            return ResponseEntity.unprocessableEntity().body(detail);
        }
        // The server's or the socket's words would tell a caller whether a port is open,
        // closed or filtered (a port scanner for any user): they go to the log only.
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "Could not sign in with these settings; check the host, port, security and password.");
        detail.setTitle("Mailbox check failed");
        return ResponseEntity.unprocessableEntity().body(detail);
    }

    @GetMapping("/api/users/{id}/mailboxes")
    List<MailboxView> list(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        Scope scope = crm.access().scope(me.viewer());
        if (!scope.all() && !scope.owners().contains(id)) {
            throw new NotFound("user", id);
        }
        return mailboxes.accounts().ofUser(id).stream()
                .map(a -> MailboxView.of(a, mailboxes.statuses().of(a.id()), syncs.running())).toList();
    }

    @DeleteMapping("/api/users/{id}/mailboxes/{mailboxId}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @PathVariable String mailboxId) {
        requireSelfOrAdmin(me, id);
        MailboxAccount account = owned(id, mailboxId);
        syncs.sync().ifPresent(s -> s.forget(account.id()));
        mailboxes.accounts().remove(account.id());
        crm.audit().record(me.userId(), "mailbox.removed", "user", id, Map.of("mailboxId", mailboxId));
        return ResponseEntity.noContent().build();
    }

    /** Asks for a sync pass now (202); 409 when this instance runs no IMAP sync. */
    @PostMapping("/api/users/{id}/mailboxes/{mailboxId}/sync")
    ResponseEntity<MailboxView> sync(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
            @PathVariable String mailboxId) {
        requireSelfOrAdmin(me, id);
        MailboxAccount account = owned(id, mailboxId);
        MailboxSync sync = syncs.sync().orElseThrow(() -> new Conflict("IMAP sync is not running on this server."));
        sync.requestSync(account.id());
        return ResponseEntity.accepted().body(MailboxView.of(account, mailboxes.statuses().of(account.id()), true));
    }

    private MailboxAccount owned(String userId, String mailboxId) {
        return mailboxes.accounts().find(mailboxId).filter(a -> a.userId().equals(userId))
                .orElseThrow(() -> new NotFound("mailbox", mailboxId));
    }

    private static void requireSelfOrAdmin(SignedIn me, String userId) {
        if (!me.userId().equals(userId) && me.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only the user or an admin can change a user's mailboxes.");
        }
    }

    /**
     * What is needed to sign in. Defaults: SSL on 993, PASSWORD. {@code smtp}: the provider's SMTP
     * server, to send as this user (relay, sequences) with the same login; STARTTLS on 587 by default.
     */
    record NewMailbox(@NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9.\\-\\[\\]:]+") String host,
            @Min(1) @Max(65535) Integer port, Security security, @NotBlank @Size(max = 320) String username,
            @NotNull @Size(min = 1, max = 8192) String secret, Auth auth, @Valid SmtpServer smtp) {

        @Override
        public String toString() {
            return "NewMailbox[" + username + "@" + host + ":" + port + ", " + security + ", " + auth + "]";
        }
    }

    /** An SMTP server: host, port (587 or 465 by default), security (STARTTLS by default). */
    record SmtpServer(@NotBlank @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9.\\-\\[\\]:]+") String host,
            @Min(1) @Max(65535) Integer port, Security security) {
    }

    /** A mailbox as listed: never its secret. {@code smtp} is null when it cannot send. */
    record MailboxView(String id, String userId, String host, int port, Security security, String username, Auth auth,
            boolean enabled, Instant createdAt, Status status, MailboxAccount.Smtp smtp) {

        static MailboxView of(MailboxAccount a, MailboxStatus s, boolean syncRunning) {
            return new MailboxView(a.id(), a.userId(), a.host(), a.port(), a.security(), a.username(), a.auth(), a.enabled(),
                    a.createdAt(), new Status(s.state(), s.lastSyncAt(),
                            s.backlog(), s.lastError(), s.lastErrorAt(), new Progress(s.initialDone(), s.initialTotal()),
                            syncRunning), a.smtp());
        }
    }

    /** The sync status: {@code syncRunning} false means this server runs no IMAP sync. */
    record Status(MailboxStatus.State state, Instant lastSyncAt, long backlog, String lastError, Instant lastErrorAt,
            Progress initialSync, boolean syncRunning) {
    }

    /** Initial sync: messages done of the window's total (0 of 0 until counted). */
    record Progress(long done, long total) {
    }
}
