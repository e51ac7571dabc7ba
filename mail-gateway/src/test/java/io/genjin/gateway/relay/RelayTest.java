package io.genjin.gateway.relay;

import static io.genjin.gateway.relay.RelayFixture.PIXEL;
import static io.genjin.gateway.relay.RelayFixture.REP;
import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.pipeline.Understanding;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxAccount.Security;
import io.genjin.store.message.Direction;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.relay.OutboundMail;
import io.genjin.store.relay.OutboundMail.Status;
import io.genjin.store.relay.Tracking;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay as a mail client meets it, over real SMTP, with an in-process provider server upstream. */
class RelayTest {
    private static final String BUYER = "hans@acme-trading.de";
    private FakeUpstream upstream;
    private RelayFixture f;
    private SmtpRelay relay;
    private String password;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeUpstream(REP, RelayFixture.UPSTREAM_PASSWORD);
        f = new RelayFixture(upstream.port());
        relay = f.startRelay();
        password = f.issuePassword();
    }

    @AfterEach
    void stop() {
        f.close();
        upstream.close();
    }

    @Test
    void beforeStartTlsTheRelayOffersNoAuthAndRefusesAuthAndMail() throws Exception {
        try (RelayClient client = new RelayClient(relay.port())) {
            String ehlo = client.say("EHLO client.test");
            assertThat(ehlo).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(client.authPlain(REP, password)).startsWith("530");
            assertThat(client.say("MAIL FROM:<" + REP + ">")).startsWith("530");
            assertThat(client.say("RCPT TO:<" + BUYER + ">")).startsWith("530");
        }
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void overTlsAuthIsOfferedAndRequiredBeforeAnyMail() throws Exception {
        try (RelayClient client = new RelayClient(relay.port())) {
            client.say("EHLO client.test");
            String ehlo = client.startTls();
            assertThat(ehlo).contains("AUTH").contains("PLAIN").contains("LOGIN");
            assertThat(client.say("MAIL FROM:<" + REP + ">")).startsWith("530 5.7.0");
        }
    }

    @Test
    void aWrongPasswordOrSomeoneElsesAddressIsRefused() throws Exception {
        try (RelayClient client = new RelayClient(relay.port())) {
            assertThat(client.signIn(REP, "gjr_not-the-password")).startsWith("535");
        }
        try (RelayClient client = new RelayClient(relay.port())) {
            assertThat(client.signIn("boss@team.example", password)).startsWith("535");
        }
        try (RelayClient client = new RelayClient(relay.port())) {
            assertThat(client.signIn("Sales@Team.example", password)).as("any of the user's addresses").startsWith("235");
        }
    }

    @Test
    void aRevokedPasswordNoLongerSignsIn() throws Exception {
        var issued = f.relay.credentials().issue(f.li.id(), "old laptop");
        f.relay.credentials().revoke(f.li.id(), issued.credential().id());
        try (RelayClient client = new RelayClient(relay.port())) {
            assertThat(client.signIn(REP, issued.secret())).startsWith("535");
        }
    }

    @Test
    void aForeignEnvelopeSenderOrFromHeaderIsRefused() throws Exception {
        try (RelayClient client = new RelayClient(relay.port())) {
            assertThat(client.signIn(REP, password)).startsWith("235");
            assertThat(client.send("boss@team.example", quote("x1"), BUYER)).startsWith("553 5.7.1");
            assertThat(client.send(REP, quote("x2").replace("From: Li Lei <" + REP + ">", "From: Boss <boss@team.example>"),
                    BUYER)).startsWith("553 5.7.1");
        }
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void aSecondFromHeaderWithoutAnAddressIsRefused() throws Exception {
        // Found by RelaySessionFuzzTest: an entry that is no address was dropped and the rest checked.
        try (RelayClient client = new RelayClient(relay.port())) {
            assertThat(client.signIn(REP, password)).startsWith("235");
            assertThat(client.send(REP, quote("x3").replace("From: Li Lei <" + REP + ">",
                    "From: Li Lei <" + REP + ">\nFrom: =?utf-8?B?5pTTt"), BUYER)).startsWith("553 5.7.1");
        }
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void aQuoteIsTrackedDeliveredUpstreamAndLoggedBeforeThe250() throws Exception {
        String reply;
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            reply = client.send(REP, quote("q1"), BUYER);
        }
        assertThat(reply).startsWith("250");
        assertThat(upstream.received).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(REP);
            assertThat(r.to()).containsExactly(BUYER);
            assertThat(r.message()).contains("Message-ID: <q1.relaytest@team.example>")
                    .contains(PIXEL + "q1.relaytest@team.example\"").contains("USD 12.50 per piece");
        });
        assertThat(f.instrumented).singleElement().satisfies(o -> {
            assertThat(o.quote()).isTrue();
            assertThat(o.companyId()).isEqualTo(f.acme.id());
            assertThat(o.ownerId()).isEqualTo(f.li.id());
        });
        StoredMessage logged = f.store.messages().byMessageId("q1.relaytest@team.example").orElseThrow();
        assertThat(logged.companyId()).isEqualTo(f.acme.id());
        assertThat(logged.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(logged.snippet()).as("the timeline shows the mail as written, without the pixel")
                .doesNotContain("track.test");
        assertThat(outbound("q1").status()).isEqualTo(Status.SENT);
        assertThat(outbound("q1").timelineKey()).as("logged at once: nothing owed").isNull();
    }

    @Test
    void aSentMessageWhoseSenderStoppedBeforeLoggingItIsLoggedOnceByTheScan() {
        // The process dies between the upstream's 250 (recorded) and the timeline entry: here the
        // ingestion fails at that moment, which leaves the store as the kill would.
        OutboundSender dying = new OutboundSender(f.store, f.mailboxes, f.relay, f.archive,
                new JakartaUpstream(Duration.ofSeconds(10)), o -> new Instrumentation.Bodies(o.html(), o.text()),
                mail -> new Understanding.Result(false, false, false, null, null), (raw, source) -> {
                    throw new IllegalStateException("killed");
                }, () -> { }, RetryPolicy.DEFAULT, "relay.test", f.clock);
        RawMail written = RawMail.of(quote("k1").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        SendResult sent = dying.send(new Submission(f.li.id(), MailSource.Sent.Via.RELAY, REP, List.of(BUYER), written));
        assertThat(sent.status()).isEqualTo(SendResult.Status.SENT);
        assertThat(f.store.messages().byMessageId("k1.relaytest@team.example")).isEmpty();
        OutboundMail owed = outbound("k1");
        assertThat(owed.timelineKey()).as("the timeline entry is owed").isNotNull();

        assertThat(f.sender.logUnlogged(owed.sentAt(), 10)).as("sent at that instant: not yet").isZero();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.sender.logUnlogged(f.clock.instant(), 10)).isEqualTo(1);
        StoredMessage logged = f.store.messages().byMessageId("k1.relaytest@team.example").orElseThrow();
        assertThat(logged.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(logged.companyId()).isEqualTo(f.acme.id());
        assertThat(logged.rawKey()).as("one raw kept, shared with the pipeline").isEqualTo(owed.timelineKey());
        assertThat(outbound("k1").timelineKey()).isNull();
        assertThat(f.sender.logUnlogged(f.clock.instant(), 10)).as("nothing owed any more").isZero();
        assertThat(upstream.received).as("sent once").hasSize(1);
    }

    @Test
    void ordinaryMailIsTrackedOnlyWhenTheUserTracksAllMail() throws Exception {
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, quote("m1").replace("Quotation for", "Meeting about"), BUYER)).startsWith("250");
            f.relay.setTracking(f.li.id(), Tracking.ALL);
            assertThat(client.send(REP, quote("m2").replace("Quotation for", "Meeting about"), BUYER)).startsWith("250");
        }
        assertThat(upstream.received).hasSize(2);
        assertThat(upstream.received.get(0).message()).doesNotContain(PIXEL);
        assertThat(upstream.received.get(1).message()).contains(PIXEL + "m2.relaytest@team.example");
    }

    @Test
    void anUpstreamRefusalComesBackWithTheUpstreamsCodeAndNothingIsLogged() throws Exception {
        upstream.refuse(554, "5.7.1 Message rejected as spam by provider policy");
        String reply;
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            reply = client.send(REP, quote("r1"), BUYER);
            assertThat(client.say("NOOP")).as("the session goes on").startsWith("250");
        }
        assertThat(reply).startsWith("554 5.7.1 Message rejected as spam by provider policy");
        assertThat(f.store.messages().byMessageId("r1.relaytest@team.example")).isEmpty();
        assertThat(outbound("r1").status()).isEqualTo(Status.FAILED);
    }

    @Test
    void aTemporaryUpstreamFailureIsQueuedRetriedOnceDueAndNeverSentTwice() throws Exception {
        upstream.refuse(451, "4.7.1 Greylisted, try again later");
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, quote("t1"), BUYER)).startsWith("451 4.7.1 Greylisted");
        }
        OutboundMail queued = outbound("t1");
        assertThat(queued.status()).isEqualTo(Status.QUEUED);
        assertThat(queued.lastCode()).isEqualTo(451);
        assertThat(f.store.messages().byMessageId("t1.relaytest@team.example")).isEmpty();

        upstream.accept();
        assertThat(f.sender.retryDue(10)).as("not before its time").isZero();
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(f.sender.retryDue(10)).isEqualTo(1);
        assertThat(upstream.received).singleElement().satisfies(r -> assertThat(r.message()).contains(PIXEL));
        assertThat(outbound("t1").status()).isEqualTo(Status.SENT);
        assertThat(f.store.messages().byMessageId("t1.relaytest@team.example").orElseThrow().companyId())
                .isEqualTo(f.acme.id());

        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, quote("t1"), BUYER)).as("the client's own retry").startsWith("250")
                    .contains("already sent");
        }
        assertThat(upstream.received).hasSize(1);
    }

    @Test
    void aClientRetryTakesTheMessageOutOfTheQueue() throws Exception {
        upstream.refuse(421, "4.3.2 Service shutting down");
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, quote("c1"), BUYER)).startsWith("421");
        }
        upstream.accept();
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, quote("c1"), BUYER)).startsWith("250");
        }
        f.clock.advance(Duration.ofHours(1));
        assertThat(f.sender.retryDue(10)).isZero();
        assertThat(upstream.received).hasSize(1);
    }

    @Test
    void aTemporaryFailureThatOutlastsEveryRetryEndsFailed() throws Exception {
        upstream.refuse(452, "4.2.2 Mailbox full");
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, quote("e1"), BUYER)).startsWith("452");
        }
        for (int i = 0; i < RetryPolicy.DEFAULT.delays().size(); i++) {
            f.clock.advance(Duration.ofHours(9));
            assertThat(f.sender.retryDue(10)).isEqualTo(1);
        }
        assertThat(outbound("e1").status()).isEqualTo(Status.FAILED);
        assertThat(outbound("e1").attempts()).isEqualTo(RetryPolicy.DEFAULT.delays().size() + 1);
        f.clock.advance(Duration.ofDays(1));
        assertThat(f.sender.retryDue(10)).isZero();
    }

    @Test
    void anUnreachableUpstreamIsATemporaryFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        f.mailboxes.accounts().setSmtp(f.account.id(), new MailboxAccount.Smtp("127.0.0.1", closed, Security.NONE));
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, quote("u1"), BUYER)).startsWith("451 4.4.1 cannot reach 127.0.0.1");
        }
        assertThat(outbound("u1").status()).isEqualTo(Status.QUEUED);
    }

    @Test
    void aLaterSyncOfTheSentFolderStoresNothingTwice() throws Exception {
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, quote("s1"), BUYER)).startsWith("250");
        }
        IngestResult again = f.pipeline.ingest(RawMail.of(quote("s1").replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8)), new MailSource.Imap(f.account.id(), f.li.id(), "Sent", 1, 7, true));
        assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
    }

    @Test
    void aMessageWithoutMessageIdGetsOneThatARetryOfTheSameBytesShares() throws Exception {
        String bare = quote("n1").replace("Message-ID: <n1.relaytest@team.example>\n", "");
        upstream.refuse(450, "4.2.1 Try later");
        try (RelayClient client = new RelayClient(relay.port())) {
            client.signIn(REP, password);
            assertThat(client.send(REP, bare, BUYER)).startsWith("450");
            upstream.accept();
            // Trace fields differ between tries (each hop stamps its time); the message does not.
            assertThat(client.send(REP, "Received: from laptop by lan; Mon, 02 Mar 2026 10:00:09 +0800\n" + bare, BUYER))
                    .startsWith("250");
        }
        assertThat(upstream.received).singleElement()
                .satisfies(r -> assertThat(r.message()).containsPattern("Message-ID: <[0-9a-f]{32}\\.genjin@relay\\.test>"));
        assertThat(f.relay.outbound().ofUser(f.li.id(), List.of(), 10)).hasSize(1);
    }

    @Test
    void aSequenceStepIsTrackedKeepsItsHeadersAndIsSentOnceWhateverHappensNext() {
        RawMail step = new Composer(f.clock).compose(new ComposedMail("e1.0.seq@genjin.local", "Li Lei", REP,
                "Hans Becker", BUYER, "Following up", "Dear Hans,\n\nany news on the <LED> order?",
                java.util.Map.of("List-Unsubscribe", "<https://crm.test/u/t1>",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
        SendResult first = f.sender.send(new Submission(f.li.id(), MailSource.Sent.Via.SEQUENCE, REP, List.of(BUYER), step));
        assertThat(first.status()).as("tracked though not a quotation").isEqualTo(SendResult.Status.SENT);
        assertThat(upstream.received).singleElement().satisfies(r -> assertThat(r.message())
                .contains("Message-ID: <e1.0.seq@genjin.local>").contains("List-Unsubscribe: <https://crm.test/u/t1>")
                .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains(PIXEL + "e1.0.seq@genjin.local").contains("&lt;LED&gt;"));
        assertThat(f.store.messages().byMessageId("e1.0.seq@genjin.local").orElseThrow().companyId())
                .isEqualTo(f.acme.id());
        SendResult again = f.sender.send(new Submission(f.li.id(), MailSource.Sent.Via.SEQUENCE, REP, List.of(BUYER), step));
        assertThat(again.status()).isEqualTo(SendResult.Status.ALREADY_SENT);
        assertThat(upstream.received).hasSize(1);
    }

    private OutboundMail outbound(String id) {
        return f.relay.outbound().byKey(OutboundMail.keyOf(f.li.id(), id + ".relaytest@team.example")).orElseThrow();
    }

    static String quote(String id) {
        return """
                From: Li Lei <lilei@team.example>
                To: Hans Buyer <hans@acme-trading.de>
                Subject: Quotation for 2k LED panels
                Message-ID: <%s.relaytest@team.example>
                Date: Mon, 02 Mar 2026 10:00:00 +0800
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                Dear Hans, please find our quotation: USD 12.50 per piece.
                --b1
                Content-Type: text/html; charset=UTF-8

                <html><body><p>Dear Hans, please find our quotation: USD 12.50 per piece.</p></body></html>
                --b1--
                """.formatted(id);
    }
}
