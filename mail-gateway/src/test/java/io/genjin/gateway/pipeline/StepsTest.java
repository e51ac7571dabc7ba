package io.genjin.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.MailSource;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.message.MailboxRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each step alone, over a message prepared by the steps before it. */
class StepsTest {
    private final PipelineFixture f = new PipelineFixture();
    private final Steps steps = f.steps();
    private final MailSource inbox = new MailSource.Imap("a", f.li.id(), "INBOX", 1, 5, false);

    @AfterEach
    void close() {
        f.close();
    }

    private InboundMessage raw(String text) {
        return InboundMessage.of(PipelineFixture.mail(text), inbox);
    }

    private static final String RFQ = """
            From: Hans <hans@acme-trading.de>
            To: Li Lei <lilei@team.example>
            Subject: RFQ
            Message-ID: <rfq-1@acme-trading.de>
            In-Reply-To: <quote-1@team.example>
            References: <root@team.example> <quote-1@team.example>

            Please quote.
            """;

    private InboundMessage through(InboundMessage m, Step... chain) {
        for (Step s : chain) {
            m = s.apply(m).message();
        }
        return m;
    }

    @Test
    void keepRawStoresTheBytesOnceUnderTheirHash() {
        InboundMessage m = new KeepRaw(steps).apply(raw(RFQ)).message();
        assertThat(m.rawKey()).startsWith("sha256-");
        assertThat(f.archive.raw().has(m.rawKey())).isTrue();
        assertThat(new KeepRaw(steps).apply(raw(RFQ)).note()).contains("already kept");
    }

    @Test
    void deduplicateStopsAKnownMessageIdAndAddsTheMailbox() {
        InboundMessage m = through(raw(RFQ), new KeepRaw(steps));
        assertThat(new Deduplicate(steps).apply(m)).isInstanceOf(StepResult.Next.class);
        f.store.messages().store(new io.genjin.store.message.StoredMessage(Ids.newId(), "rfq-1@acme-trading.de", "r", null,
                List.of(), null, null, List.of(), List.of(), "s", null, "", List.of(new MailboxRef(f.wang.id(), "INBOX", 1L)),
                null, List.of(), null));
        assertThat(new Deduplicate(steps).apply(m)).as("stored but its ingestion never finished")
                .isInstanceOf(StepResult.Next.class);
        f.store.messages().markEventsPublished("rfq-1@acme-trading.de");
        StepResult again = new Deduplicate(steps).apply(m);
        assertThat(again).isInstanceOf(StepResult.Stop.class);
        assertThat(f.store.messages().byMessageId("rfq-1@acme-trading.de").orElseThrow().mailboxes()).hasSize(2);
    }

    @Test
    void deduplicateSynthesizesAnIdFromTheContentWhenThereIsNone() {
        InboundMessage m = through(raw("From: a@b.example\nSubject: x\n\nbody\n"), new KeepRaw(steps), new Deduplicate(steps));
        assertThat(m.messageId()).endsWith("@genjin.invalid").isEqualTo(
                through(raw("From: a@b.example\nSubject: x\n\nbody\n"), new KeepRaw(steps), new Deduplicate(steps)).messageId());
    }

    @Test
    void detectLoopsStopsOnTooManyReceivedHeaders() {
        StringBuilder hops = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            hops.append("Received: from hop").append(i).append(" by x\n");
        }
        InboundMessage m = through(raw(hops + RFQ), new KeepRaw(steps), new Deduplicate(steps));
        assertThat(new DetectLoops(steps).apply(m)).isInstanceOf(StepResult.Stop.class);
        assertThat(new DetectLoops(steps).apply(through(raw(RFQ), new KeepRaw(steps), new Deduplicate(steps))))
                .isInstanceOf(StepResult.Next.class);
    }

    @Test
    void parseStoresAttachmentContentInTheArchive() {
        InboundMessage m = through(raw("""
                From: hans@acme-trading.de
                Message-ID: <att@acme-trading.de>
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                see attached
                --b
                Content-Type: application/pdf; name=pi.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --b--
                """), new KeepRaw(steps), new Deduplicate(steps), new Parse(steps));
        ParsedMail.Attachment pdf = m.mail().attachments().get(0);
        assertThat(pdf.name()).isEqualTo("pi.pdf");
        assertThat(pdf.size()).isEqualTo(9);
        assertThat(pdf.storedId()).isNotNull();
    }

    @Test
    void parseHandsItsParseWithTheRawsKeyAndSizeToTheSink() {
        List<String> handed = new java.util.ArrayList<>();
        Steps withSink = new Steps(steps.store(), steps.archive(), steps.linker(), steps.understanding(), steps.forwards(),
                steps.events(), steps.durability(), steps.settings(), steps.clock(), steps.sentTracking(),
                (rawKey, rawSize, limits, mail) -> handed.add(rawKey + " " + rawSize + " " + mail.subject()
                        + " " + limits.equals(steps.settings().limits())));
        InboundMessage m = through(raw(RFQ), new KeepRaw(withSink), new Deduplicate(withSink), new Parse(withSink));
        assertThat(handed).containsExactly(m.rawKey() + " " + m.raw().size() + " " + m.mail().subject() + " true");
    }

    @Test
    void unwrapForwardLeavesOrdinaryMailAlone() {
        InboundMessage m = through(raw(RFQ), new KeepRaw(steps), new Deduplicate(steps), new Parse(steps));
        assertThat(new UnwrapForward(steps).apply(m).message().logged()).isSameAs(m.mail());
    }

    @Test
    void understandAsksThePortAndDefaultsToNothing() {
        InboundMessage m = through(raw(RFQ), new KeepRaw(steps), new Deduplicate(steps), new Parse(steps));
        assertThat(new Understand(steps).apply(m).message().understanding()).isEqualTo(Understanding.Result.NOTHING);
    }

    @Test
    void resolveThreadUsesTheRootOfReferences() {
        InboundMessage m = through(raw(RFQ), new KeepRaw(steps), new Deduplicate(steps), new Parse(steps), new ResolveThread(steps));
        assertThat(m.threadKey()).isEqualTo("root@team.example");
    }

    @Test
    void resolveCustomerLinksBySenderDomain() {
        Company acme = f.store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme-trading.de"), f.li.id(),
                f.clock.instant()));
        InboundMessage m = through(raw(RFQ), new KeepRaw(steps), new Deduplicate(steps), new Parse(steps),
                new ResolveThread(steps), new ResolveCustomer(steps));
        assertThat(m.decision().companyId()).isEqualTo(acme.id());
    }

    @Test
    void appendToTimelineIsIdempotentAndStoresTheMessage() {
        InboundMessage m = through(raw(RFQ), new KeepRaw(steps), new Deduplicate(steps), new Parse(steps),
                new ResolveThread(steps), new ResolveCustomer(steps));
        new AppendToTimeline(steps).apply(m);
        new AppendToTimeline(steps).apply(m);
        assertThat(f.store.timeline().count(m.decision().companyId())).isEqualTo(1);
        assertThat(f.store.messages().byMessageId("rfq-1@acme-trading.de")).isPresent();
    }

    @Test
    void publishEventsSaysTheCustomerReplied() {
        InboundMessage m = through(raw(RFQ), new KeepRaw(steps), new Deduplicate(steps), new Parse(steps),
                new Understand(steps), new ResolveThread(steps), new ResolveCustomer(steps), new PublishEvents(steps));
        assertThat(f.events).extracting(e -> e.getClass().getSimpleName()).containsExactly("MessageStored", "MessageLinked", "CustomerReplied");
        assertThat(m.messageId()).isEqualTo("rfq-1@acme-trading.de");
    }

    @Test
    void checkpointFlushes() {
        new Checkpoint(steps, true).apply(raw(RFQ));
        assertThat(f.flushes.get()).isEqualTo(1);
    }

    @Test
    void checkpointInABatchLeavesTheFlushToTheBatch() {
        new Checkpoint(steps, false).apply(raw(RFQ));
        assertThat(f.flushes.get()).isZero();
    }

    @Test
    void sourcesSurviveTheErrorStore() {
        for (MailSource s : List.of(inbox, new MailSource.Import(f.li.id(), "x.mbox"),
                new MailSource.Dropbox(MailSource.Dropbox.Mode.BCC, f.li.id(), "a@b", List.of("c@d", "e@f")))) {
            Map<String, String> d = Sources.describe(s);
            assertThat(Sources.restore(d)).isEqualTo(s);
        }
    }
}
