package io.genjin.app.mailbox;

import io.genjin.store.mailbox.MailboxAccount.Security;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One authorization server with every setting resolved: what {@link MailboxOAuthProperties} gives,
 * else the provider's public defaults.
 *
 * <p>Microsoft (identity platform v2.0): scopes from "Authenticate an IMAP, POP or SMTP connection
 * using OAuth" (IMAP.AccessAsUser.All and SMTP.Send on the Outlook resource, plus offline_access
 * for a refresh token); 21Vianet tenants sign in at login.partner.microsoftonline.cn and reach mail
 * at partner.outlook.cn. Google: the one scope for IMAP and SMTP is https://mail.google.com/, and a
 * refresh token comes only with {@code access_type=offline} ({@code prompt=consent} makes Google
 * send it again when the user signs in a second time).
 */
public record OAuthProvider(String name, String clientId, String clientSecret, URI authorizeUri, URI tokenUri,
        List<String> scopes, Map<String, String> extraAuthorizeParameters, String imapHost, int imapPort,
        Security imapSecurity, String smtpHost, int smtpPort, Security smtpSecurity) {

    public static final String MICROSOFT = "microsoft";
    public static final String GOOGLE = "google";

    static OAuthProvider microsoft(MailboxOAuthProperties.Provider p) {
        String login = p.china() ? "https://login.partner.microsoftonline.cn/" : "https://login.microsoftonline.com/";
        String resource = p.china() ? "https://partner.outlook.cn/" : "https://outlook.office.com/";
        String tenant = p.tenant() == null || p.tenant().isBlank() ? "organizations" : p.tenant().trim();
        return new OAuthProvider(MICROSOFT, p.clientId(), p.clientSecret(),
                uri(p.authorizeUri(), login + tenant + "/oauth2/v2.0/authorize"),
                uri(p.tokenUri(), login + tenant + "/oauth2/v2.0/token"),
                scopes(p, List.of("offline_access", "openid", "email", resource + "IMAP.AccessAsUser.All",
                        resource + "SMTP.Send")),
                Map.of(),
                or(p.imapHost(), p.china() ? "partner.outlook.cn" : "outlook.office365.com"), or(p.imapPort(), 993),
                or(p.imapSecurity(), Security.SSL),
                or(p.smtpHost(), p.china() ? "smtp.partner.outlook.cn" : "smtp.office365.com"), or(p.smtpPort(), 587),
                or(p.smtpSecurity(), Security.STARTTLS));
    }

    static OAuthProvider google(MailboxOAuthProperties.Provider p) {
        return new OAuthProvider(GOOGLE, p.clientId(), p.clientSecret(),
                uri(p.authorizeUri(), "https://accounts.google.com/o/oauth2/v2/auth"),
                uri(p.tokenUri(), "https://oauth2.googleapis.com/token"),
                scopes(p, List.of("https://mail.google.com/", "openid", "email")),
                Map.of("access_type", "offline", "prompt", "consent"),
                or(p.imapHost(), "imap.gmail.com"), or(p.imapPort(), 993), or(p.imapSecurity(), Security.SSL),
                or(p.smtpHost(), "smtp.gmail.com"), or(p.smtpPort(), 465), or(p.smtpSecurity(), Security.SSL));
    }

    private static List<String> scopes(MailboxOAuthProperties.Provider p, List<String> defaults) {
        return p.scopes() == null || p.scopes().isEmpty() ? defaults : List.copyOf(p.scopes());
    }

    private static URI uri(String configured, String fallback) {
        return URI.create(configured == null || configured.isBlank() ? fallback : configured.trim());
    }

    private static <T> T or(T configured, T fallback) {
        return configured == null || configured instanceof String s && s.isBlank() ? fallback : configured;
    }

    @Override
    public String toString() {
        return "OAuthProvider[" + name + ", " + authorizeUri + ", " + tokenUri + "]";
    }
}
