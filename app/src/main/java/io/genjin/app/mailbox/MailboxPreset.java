package io.genjin.app.mailbox;

import io.genjin.store.mailbox.MailboxAccount.Security;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The mail providers our salespeople use, with the servers their own help pages give (checked
 * December 2026): IMAP and SMTP host, port and security, and how a mail client signs in there.
 * {@code OTHER} leaves everything to the user. The page fills the form from these; the hint of each
 * is in the {@code mailsetup} bundle as {@code mailboxes.preset.<key>.hint}.
 *
 * <ul>
 *   <li>腾讯企业邮 (Exmail): imap.exmail.qq.com 993 SSL, smtp.exmail.qq.com 465 SSL; with 安全登录 on,
 *       a 客户端专用密码 instead of the password.</li>
 *   <li>网易企业邮 (NetEase Qiye): imap.qiye.163.com 993 SSL, smtp.qiye.163.com 465 SSL; a 客户端授权密码
 *       when the administrator requires one. Its IMAP wants the RFC 2971 ID command (sent).</li>
 *   <li>阿里企业邮 (Aliyun Qiye): imap.qiye.aliyun.com 993 SSL, smtp.qiye.aliyun.com 465 SSL; the
 *       administrator must allow third-party clients, then a 三方客户端安全密码.</li>
 *   <li>Gmail / Google Workspace: imap.gmail.com 993 SSL, smtp.gmail.com 465 SSL; an app password
 *       (needs 2-Step Verification) or "Sign in with Google" (OAuth, scope https://mail.google.com/).</li>
 *   <li>Microsoft 365: outlook.office365.com 993 SSL, smtp.office365.com 587 STARTTLS; Exchange Online
 *       has retired password sign-in for IMAP, so "Sign in with Microsoft" (OAuth) is the way.</li>
 * </ul>
 */
public enum MailboxPreset {
    EXMAIL("imap.exmail.qq.com", 993, Security.SSL, "smtp.exmail.qq.com", 465, Security.SSL, null),
    NETEASE("imap.qiye.163.com", 993, Security.SSL, "smtp.qiye.163.com", 465, Security.SSL, null),
    ALIYUN("imap.qiye.aliyun.com", 993, Security.SSL, "smtp.qiye.aliyun.com", 465, Security.SSL, null),
    GMAIL("imap.gmail.com", 993, Security.SSL, "smtp.gmail.com", 465, Security.SSL, "google"),
    MICROSOFT365("outlook.office365.com", 993, Security.SSL, "smtp.office365.com", 587, Security.STARTTLS, "microsoft"),
    OTHER(null, 993, Security.SSL, null, 587, Security.STARTTLS, null);

    private final String imapHost;
    private final int imapPort;
    private final Security imapSecurity;
    private final String smtpHost;
    private final int smtpPort;
    private final Security smtpSecurity;
    private final String oauthProvider;

    MailboxPreset(String imapHost, int imapPort, Security imapSecurity, String smtpHost, int smtpPort,
            Security smtpSecurity, String oauthProvider) {
        this.imapHost = imapHost;
        this.imapPort = imapPort;
        this.imapSecurity = imapSecurity;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.smtpSecurity = smtpSecurity;
        this.oauthProvider = oauthProvider;
    }

    public String imapHost() {
        return imapHost;
    }

    public int imapPort() {
        return imapPort;
    }

    public Security imapSecurity() {
        return imapSecurity;
    }

    public String smtpHost() {
        return smtpHost;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public Security smtpSecurity() {
        return smtpSecurity;
    }

    /** The OAuth provider ({@code genjin.mailbox.oauth.<name>}) that signs this kind of mailbox in, if any. */
    public Optional<String> oauthProvider() {
        return Optional.ofNullable(oauthProvider);
    }

    /** The message key part: {@code mailboxes.preset.<key>.name} and {@code .hint}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MailboxPreset> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equalsIgnoreCase(key == null ? "" : key.trim())).findFirst();
    }
}
