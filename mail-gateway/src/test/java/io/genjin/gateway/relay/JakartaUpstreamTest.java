package io.genjin.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.RawMail;
import io.genjin.store.mailbox.MailboxAccount.Auth;
import io.genjin.store.mailbox.MailboxAccount.Security;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Delivery upstream as the provider's server sees it: the sender knows a message was accepted from
 * the 250 after DATA, and must not wait for anything after it before its caller can record the send.
 */
class JakartaUpstreamTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aServerThatAcceptsTheMessageButDoesNotAnswerQuitDoesNotHoldUpTheAcceptance() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch delivered = new CountDownLatch(1);
            CompletableFuture<Boolean> quitAnsweredAfterDelivery = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = listener.accept()) {
                    return converse(socket, delivered);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            Delivery delivery = new JakartaUpstream(Duration.ofSeconds(60)).deliver(
                    new UpstreamLogin("127.0.0.1", listener.getLocalPort(), Security.NONE, "rep@factory.example", "pw",
                            Auth.PASSWORD),
                    "rep@factory.example", List.of("buyer@customer.example"),
                    RawMail.of(("Message-ID: <quit-held@factory.example>\r\nSubject: Quotation\r\n\r\nPrices attached.\r\n")
                            .getBytes(StandardCharsets.US_ASCII)));
            delivered.countDown();

            assertThat(delivery.kind()).isEqualTo(Delivery.Kind.ACCEPTED);
            assertThat(delivery.code()).isEqualTo(250);
            // Without this, a crash while the server sits on its QUIT reply (up to the upstream timeout)
            // loses the fact that the message went out, and it is sent again after the restart.
            assertThat(quitAnsweredAfterDelivery.get(1, TimeUnit.MINUTES))
                    .as("the acceptance was returned while the server still held its reply to QUIT").isTrue();
        }
    }

    /** A minimal SMTP server: accepts one message, then holds QUIT's reply until the delivery returned (30 s at most). */
    private static boolean converse(Socket socket, CountDownLatch delivered) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 smtp.provider.test ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO")) {
                reply(out, "250-smtp.provider.test\r\n250 AUTH PLAIN LOGIN");
            } else if (command.equals("AUTH PLAIN")) {
                reply(out, "334 ");
                in.readLine();
                reply(out, "235 2.7.0 ok");
            } else if (command.startsWith("AUTH PLAIN ")) {
                reply(out, "235 2.7.0 ok");
            } else if (command.startsWith("AUTH LOGIN")) {
                reply(out, "334 VXNlcm5hbWU6");
                in.readLine();
                reply(out, "334 UGFzc3dvcmQ6");
                in.readLine();
                reply(out, "235 2.7.0 ok");
            } else if (command.startsWith("DATA")) {
                reply(out, "354 go ahead");
                for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                    // the message
                }
                reply(out, "250 2.0.0 queued as 1");
            } else if (command.startsWith("QUIT")) {
                boolean returned;
                try {
                    returned = delivered.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    returned = false;
                }
                try {
                    reply(out, "221 bye");
                } catch (IOException closedAlready) {
                    // a sender that does not wait for 221 may have closed the connection
                }
                return returned;
            } else {
                reply(out, "250 ok");
            }
        }
        return delivered.getCount() == 0;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
