package io.genjin.gateway.relay;

import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;

/** How to sign in to a user's SMTP server; {@code secret} is a password or an OAuth 2.0 access token. */
public record UpstreamLogin(String host, int port, Security security, String username, String secret, Auth auth) {

    @Override
    public String toString() {
        return "UpstreamLogin[" + username + "@" + host + ":" + port + ", " + security + ", " + auth + "]";
    }
}
