package io.genjin.app.mailbox;

import io.genjin.store.mailbox.MailboxAccount.Security;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing mailboxes in with OAuth 2.0 ({@code genjin.mailbox.oauth.*}; docs/operations.md). A
 * provider without a client id is off: its button does not show.
 *
 * @param redirectUri where the provider sends the browser back; default: this server's
 *                    {@code /settings/mailboxes/oauth/callback} as the browser reached it. Register
 *                    exactly this address with the provider.
 * @param signInTimeout how long a started sign-in may take before its callback is refused
 */
@ConfigurationProperties("genjin.mailbox.oauth")
public record MailboxOAuthProperties(String redirectUri, @DefaultValue("10m") Duration signInTimeout,
        @DefaultValue Provider microsoft, @DefaultValue Provider google) {

    /**
     * One authorization server. Empty endpoints, scopes and servers take the provider's public
     * defaults ({@link OAuthProvider}).
     *
     * @param tenant   Microsoft only: the directory in the endpoint path ({@code organizations} by
     *                 default: any work or school account; a tenant id pins one company)
     * @param china    Microsoft only: the company's Microsoft 365 is operated by 21Vianet (世纪互联):
     *                 sign-in at login.partner.microsoftonline.cn, mail at partner.outlook.cn
     */
    public record Provider(String clientId, String clientSecret, String authorizeUri, String tokenUri,
            List<String> scopes, @DefaultValue("organizations") String tenant, @DefaultValue("false") boolean china,
            String imapHost, Integer imapPort, Security imapSecurity, String smtpHost, Integer smtpPort,
            Security smtpSecurity) {

        public boolean enabled() {
            return clientId != null && !clientId.isBlank();
        }

        @Override
        public String toString() {
            return "Provider[clientId=" + clientId + ", tenant=" + tenant + ", china=" + china + "]";
        }
    }
}
