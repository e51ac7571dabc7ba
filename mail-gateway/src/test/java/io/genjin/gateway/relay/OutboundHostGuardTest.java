package io.genjin.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.RawMail;
import io.genjin.gateway.imap.MailboxSync;
import io.genjin.gateway.imap.SyncSettings;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.outbound.OutboundGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hosts of a user's mailbox are checked right before each connection, not only when saved: the
 * name may point at the server's own network by then. Port 9 on 127.0.0.1 is never reached.
 */
class OutboundHostGuardTest {
    private static final OutboundGuard STRICT = OutboundGuard.strict();

    @Test
    void theRelayDoesNotConnectToAnUpstreamOnTheServersOwnNetworkAndTheQueueMayTryAgain() {
        Delivery delivery = new JakartaUpstream(Duration.ofSeconds(5), STRICT).deliver(
                new UpstreamLogin("127.0.0.1", 9, Security.NONE, "rep@factory.example", "pw", Auth.PASSWORD),
                "rep@factory.example", List.of("buyer@customer.example"),
                RawMail.of("Subject: hi\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(delivery.kind()).isEqualTo(Delivery.Kind.TEMPORARY);
        assertThat(delivery.reply()).contains("not allowed").contains("loopback");
    }

    @Test
    void aMailboxCheckDoesNotConnectToTheServersOwnNetwork() {
        MailboxAccount account = new MailboxAccount("verify", "u", "169.254.169.254", 993, Security.SSL, "rep", null,
                Auth.PASSWORD, true, Instant.now());
        assertThat(MailboxSync.verify(account, "pw", SyncSettings.defaults().withOutbound(STRICT)))
                .hasValueSatisfying(problem -> assertThat(problem).contains("link-local"));
    }
}
