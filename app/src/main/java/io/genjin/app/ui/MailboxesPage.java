package io.genjin.app.ui;

import io.genjin.app.mailbox.AddMailbox;
import io.genjin.app.mailbox.MailboxPreset;
import io.genjin.app.mailbox.OAuthClient;
import io.genjin.app.mailbox.RemoveMailbox;
import io.genjin.app.mailbox.SetMailboxSmtp;
import io.genjin.app.mailbox.SyncMailboxNow;
import io.genjin.app.mailbox.SyncProblem;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.mailbox.FolderCheckpoint;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.mailbox.MailboxGrant;
import io.genjin.store.mailbox.MailboxStatus;
import io.genjin.store.mailbox.MailboxStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Mailboxes": the mailboxes Genjin syncs for a user, each folder's sync state, what went wrong in
 * words, "sync now" and remove; adding one from a provider preset, or signing in with Microsoft or
 * Google ({@link MailboxSignIn}). The user's own, or any user's for an admin ({@link SetupTarget}).
 */
@ConditionalOnRole(Roles.API)
@Controller
class MailboxesPage {
    static final String PATH = "/settings/mailboxes";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");
    private final CrmStore crm;
    private final MailboxStore mailboxes;
    private final AddMailbox add;
    private final RemoveMailbox remove;
    private final SyncMailboxNow syncNow;
    private final OAuthClient oauth;
    private final SetMailboxSmtp setSmtp;

    MailboxesPage(CrmStore crm, MailboxStore mailboxes, AddMailbox add, RemoveMailbox remove, SyncMailboxNow syncNow,
            OAuthClient oauth, SetMailboxSmtp setSmtp) {
        this.setSmtp = setSmtp;
        this.crm = crm;
        this.mailboxes = mailboxes;
        this.add = add;
        this.remove = remove;
        this.syncNow = syncNow;
        this.oauth = oauth;
    }

    /** The add form's fields, kept when the form comes back with a problem (the password is typed again). */
    public static final class Form {
        String preset = MailboxPreset.EXMAIL.key();
        String host = "";
        String port = "";
        String security = "SSL";
        String username = "";
        String password = "";
        String smtpHost = "";
        String smtpPort = "";
        String smtpSecurity = "SSL";

        public String getPreset() { return preset; }
        public void setPreset(String v) { preset = v; }
        public String getHost() { return host; }
        public void setHost(String v) { host = v; }
        public String getPort() { return port; }
        public void setPort(String v) { port = v; }
        public String getSecurity() { return security; }
        public void setSecurity(String v) { security = v; }
        public String getUsername() { return username; }
        public void setUsername(String v) { username = v; }
        public String getPassword() { return password; }
        public void setPassword(String v) { password = v; }
        public String getSmtpHost() { return smtpHost; }
        public void setSmtpHost(String v) { smtpHost = v; }
        public String getSmtpPort() { return smtpPort; }
        public void setSmtpPort(String v) { smtpPort = v; }
        public String getSmtpSecurity() { return smtpSecurity; }
        public void setSmtpSecurity(String v) { smtpSecurity = v; }
    }

    /** One folder's line: how far it is and how it learns of new mail. */
    record FolderRow(String folder, java.time.Instant lastSyncAt, long messages, long backlog, boolean walking,
            boolean idle) {
    }

    /** One mailbox with its status, its folders and, when it failed, the kind of problem. */
    record Row(MailboxAccount account, MailboxStatus status, List<FolderRow> folders, SyncProblem problem,
            boolean signInAgain, String provider) {
    }

    @GetMapping(PATH)
    String page(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String user, Model model) {
        SetupTarget target = SetupTarget.of(crm, me, user);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Form());
        }
        return render(target, model);
    }

    @PostMapping(PATH)
    String add(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String user,
            @ModelAttribute("form") Form form, Model model, RedirectAttributes flash) {
        SetupTarget target = SetupTarget.of(crm, me, user);
        withPreset(form);
        String problem = invalid(form);
        if (problem != null) {
            return again(target, form, model, problem);
        }
        AddMailbox.Server smtp = form.smtpHost.isBlank() ? null
                : new AddMailbox.Server(form.smtpHost.trim(), number(form.smtpPort), security(form.smtpSecurity));
        AddMailbox.Outcome outcome = add.add(me.userId(), target.id(), new AddMailbox.Request(form.host.trim(),
                number(form.port), security(form.security), form.username.trim(), form.password, Auth.PASSWORD, smtp), true);
        if (outcome instanceof AddMailbox.Outcome.Added) {
            flash.addFlashAttribute("done", "mailboxes.added");
            return "redirect:" + target.page(PATH);
        }
        if (outcome instanceof AddMailbox.Outcome.AlreadyThere) {
            return again(target, form, model, "mailboxes.error.duplicate");
        }
        if (outcome instanceof AddMailbox.Outcome.HostNotAllowed) {
            return again(target, form, model, "mailboxes.error.notAllowed");
        }
        // The server's own words stay in the log: they would tell whether a port is open (AddMailbox).
        return again(target, form, model, "mailboxes.error.checkFailed");
    }

    @PostMapping(PATH + "/{id}/sync")
    String sync(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String user, @PathVariable String id,
            RedirectAttributes flash) {
        SetupTarget target = SetupTarget.of(crm, me, user);
        boolean running = syncNow.request(owned(target, id));
        flash.addFlashAttribute(running ? "done" : "problemKey", running ? "mailboxes.syncRequested" : "mailboxes.syncOff");
        return "redirect:" + target.page(PATH);
    }

    @PostMapping(PATH + "/{id}/smtp")
    String smtp(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String user, @PathVariable String id,
            @RequestParam(required = false) String smtpHost, @RequestParam(required = false) String smtpPort,
            @RequestParam(required = false) String smtpSecurity, RedirectAttributes flash) {
        SetupTarget target = SetupTarget.of(crm, me, user);
        MailboxAccount account = owned(target, id);
        if (smtpHost == null || !HOST.matcher(smtpHost.trim()).matches()) {
            flash.addFlashAttribute("problemKey", "mailboxes.error.host");
        } else if (smtpPort != null && !smtpPort.isBlank() && !validPort(smtpPort)) {
            flash.addFlashAttribute("problemKey", "mailboxes.error.port");
        } else {
            setSmtp.set(me.userId(), account, smtpHost, number(smtpPort), security(smtpSecurity));
            flash.addFlashAttribute("done", "mailboxes.smtpSaved");
        }
        return "redirect:" + target.page(PATH);
    }

    @PostMapping(PATH + "/{id}/remove")
    String remove(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String user,
            @PathVariable String id, RedirectAttributes flash) {
        SetupTarget target = SetupTarget.of(crm, me, user);
        remove.remove(me.userId(), owned(target, id));
        flash.addFlashAttribute("done", "mailboxes.removed");
        return "redirect:" + target.page(PATH);
    }

    private MailboxAccount owned(SetupTarget target, String id) {
        return mailboxes.accounts().find(id).filter(a -> a.userId().equals(target.id()))
                .orElseThrow(() -> new NotFound("mailbox", id));
    }

    private String again(SetupTarget target, Form form, Model model, String problemKey) {
        form.password = "";
        model.addAttribute("form", form);
        model.addAttribute("problemKey", problemKey);
        return render(target, model);
    }

    private String render(SetupTarget target, Model model) {
        List<Row> rows = mailboxes.accounts().ofUser(target.id()).stream().map(this::row).toList();
        Map<String, MailboxPreset> presets = new LinkedHashMap<>();
        for (MailboxPreset p : MailboxPreset.values()) {
            presets.put(p.key(), p);
        }
        model.addAttribute("nav", "settings");
        model.addAttribute("target", target.user());
        model.addAttribute("own", target.own());
        model.addAttribute("userParam", target.own() ? null : target.id());
        model.addAttribute("rows", rows);
        model.addAttribute("presets", presets);
        model.addAttribute("securities", Security.values());
        model.addAttribute("providers", oauth.enabledProviders());
        model.addAttribute("syncRunning", syncNow.running());
        return "mailboxes";
    }

    private Row row(MailboxAccount account) {
        MailboxStatus status = mailboxes.statuses().of(account.id());
        MailboxGrant grant = mailboxes.accounts().grantOf(account.id()).orElse(null);
        boolean signInAgain = grant != null && grant.needsSignIn();
        List<FolderRow> folders = mailboxes.checkpoints().ofAccount(account.id()).stream()
                .sorted(Comparator.comparing((FolderCheckpoint c) -> !"INBOX".equalsIgnoreCase(c.folder()))
                        .thenComparing(FolderCheckpoint::folder))
                .map(c -> new FolderRow(c.folder(), c.lastSyncAt(), c.messages(), c.backlog(), c.walking(),
                        "INBOX".equalsIgnoreCase(c.folder()) && status.state() == MailboxStatus.State.IDLE))
                .toList();
        // A pass that ends cleanly clears the error; until then it stays shown, also while a retry connects.
        SyncProblem problem = signInAgain ? SyncProblem.SIGN_IN_AGAIN : SyncProblem.of(status.lastError());
        return new Row(account, status, folders, problem, signInAgain, grant == null ? null : grant.provider());
    }

    /** Fields left empty take the chosen provider's servers (the page's script fills them in already). */
    private static void withPreset(Form form) {
        MailboxPreset preset = MailboxPreset.byKey(form.preset).orElse(MailboxPreset.OTHER);
        if (preset.imapHost() != null && (form.host == null || form.host.isBlank())) {
            form.host = preset.imapHost();
            form.port = String.valueOf(preset.imapPort());
            form.security = preset.imapSecurity().name();
        }
        if (preset.smtpHost() != null && (form.smtpHost == null || form.smtpHost.isBlank())) {
            form.smtpHost = preset.smtpHost();
            form.smtpPort = String.valueOf(preset.smtpPort());
            form.smtpSecurity = preset.smtpSecurity().name();
        }
        form.host = form.host == null ? "" : form.host;
        form.port = form.port == null ? "" : form.port;
        form.smtpHost = form.smtpHost == null ? "" : form.smtpHost;
        form.smtpPort = form.smtpPort == null ? "" : form.smtpPort;
    }

    /** The first thing wrong with the form, as a message key; null when it can be tried. */
    private static String invalid(Form form) {
        if (form.host == null || !HOST.matcher(form.host.trim()).matches()) {
            return "mailboxes.error.host";
        }
        if (form.username == null || form.username.isBlank() || form.username.length() > 320) {
            return "mailboxes.error.username";
        }
        if (form.password == null || form.password.isEmpty() || form.password.length() > 8192) {
            return "mailboxes.error.password";
        }
        if (!form.port.isBlank() && !validPort(form.port) || !form.smtpPort.isBlank() && !validPort(form.smtpPort)) {
            return "mailboxes.error.port";
        }
        if (!form.smtpHost.isBlank() && !HOST.matcher(form.smtpHost.trim()).matches()) {
            return "mailboxes.error.host";
        }
        return null;
    }

    private static boolean validPort(String text) {
        Integer port = number(text);
        return port != null && port >= 1 && port <= 65535;
    }

    private static Integer number(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Security security(String text) {
        try {
            return text == null || text.isBlank() ? null : Security.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
