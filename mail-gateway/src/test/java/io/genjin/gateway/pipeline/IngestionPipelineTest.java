package io.genjin.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.IngestResult.Outcome;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.Corpora;
import io.genjin.store.customer.Company;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.linking.LinkingPolicy;
import io.genjin.store.events.AutoReplyReceived;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.MessageBounced;
import io.genjin.store.events.MessageLinked;
import io.genjin.store.mail.FailedMessage;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.Messages;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.TimelinePage;
import io.genjin.testing.LogLines;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** End to end: real corpus messages through every step into the embedded store. */
class IngestionPipelineTest {
    private final PipelineFixture f = new PipelineFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** Stalwart's legacy/000.eml: Doug Sauder (doug@example.com) writes to Joe Blow (jblow@example.com). */
    private RawMail outlookMessage() {
        Path file = Corpora.require("mime-torture/stalwart-mail-parser/resources/eml/legacy").resolve("000.eml");
        return RawMail.of(file);
    }

    private Company companyOf(String domain) {
        return f.store.companies().byDomain(domain).orElseThrow();
    }

    @Test
    void inboundCorpusMessageLandsOnTheNewLeadsTimelineWithEvents() {
        IngestResult result = f.pipeline().ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test"));

        assertThat(result.outcome()).isEqualTo(Outcome.STORED);
        assertThat(result.messageId()).isEqualTo("NDBBIAKOPKHFGPLCODIGKEKECHAA.doug@example.com");
        Company lead = companyOf("example.com");
        assertThat(result.companyId()).isEqualTo(lead.id());
        TimelinePage page = f.store.timeline().page(lead.id(), Set.of(), null, 10);
        assertThat(page.items()).hasSize(1);
        Activity a = page.items().get(0);
        assertThat(a.sourceKey()).isEqualTo("email:NDBBIAKOPKHFGPLCODIGKEKECHAA.doug@example.com");
        assertThat(a.title()).isEqualTo("Test message from Microsoft Outlook 00");
        assertThat(a.attributes()).containsEntry("direction", "INBOUND");
        assertThat(f.store.companies().get(lead.id()).lastInboundAt()).isEqualTo(a.occurredAt());
        assertThat(f.events).hasAtLeastOneElementOfType(MessageLinked.class).hasAtLeastOneElementOfType(CustomerReplied.class);
        assertThat(f.flushes.get()).isPositive();
    }

    @Test
    void aBounceNamesItsFailedAddressesAndAnAutoReplyItsReturnDate() {
        IngestionPipeline pipeline = f.pipeline(new ClassifierUnderstanding(new io.genjin.classifier.EmailUnderstanding()));
        pipeline.ingest(PipelineFixture.mail("""
                From: Mail Delivery System <MAILER-DAEMON@mx.team.example>
                To: lilei@team.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bounce-1@mx.team.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.

                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.team.example

                Final-Recipient: rfc822; Hans@Acme-Trading.de
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <hans@acme-trading.de>: Recipient address rejected: User unknown

                --b--
                """), new MailSource.Import(f.li.id(), "test"));
        pipeline.ingest(PipelineFixture.mail("""
                From: Hans <hans@acme-trading.de>
                To: Li Lei <lilei@team.example>
                Subject: Automatic reply: Quotation
                Message-ID: <ooo-1@acme-trading.de>
                Auto-Submitted: auto-replied
                Date: Mon, 2 Nov 2026 09:00:00 +0100

                I am out of the office until 16 November 2026 with limited access to email.
                """), new MailSource.Import(f.li.id(), "test"));

        assertThat(f.events).filteredOn(e -> e instanceof MessageBounced).singleElement()
                .satisfies(e -> {
                    MessageBounced b = (MessageBounced) e;
                    assertThat(b.failedAddresses()).containsExactly("hans@acme-trading.de");
                    assertThat(b.hard()).isTrue();
                });
        assertThat(f.events).filteredOn(e -> e instanceof AutoReplyReceived).singleElement()
                .satisfies(e -> {
                    AutoReplyReceived a = (AutoReplyReceived) e;
                    assertThat(a.fromAddress()).isEqualTo("hans@acme-trading.de");
                    assertThat(a.returnDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 16));
                });
        assertThat(f.events).noneMatch(e -> e instanceof CustomerReplied);
    }

    @Test
    void aBatchFlushesAtItsEndNotPerMessageAndReimportingIsAllDuplicates() {
        IngestionPipeline pipeline = f.pipeline();
        List<IngestResult> first = new java.util.ArrayList<>();
        try (var batch = pipeline.batch()) {
            for (String id : List.of("a", "b", "c")) {
                first.add(batch.ingest(small(id), new MailSource.Import(f.li.id(), "batch")));
            }
            assertThat(f.flushes.get()).isZero();
        }
        assertThat(f.flushes.get()).isEqualTo(1);
        assertThat(first).extracting(IngestResult::outcome).containsOnly(Outcome.STORED);
        assertThat(f.mongo.getCollection("message_publications").countDocuments())
                .as("fewer than %s new messages: marked one by one, no key written", PendingPublication.PUBLISH_FROM).isZero();

        try (var batch = pipeline.batch()) {
            for (String id : List.of("a", "b", "c")) {
                assertThat(batch.ingest(small(id), new MailSource.Import(f.li.id(), "batch")).outcome())
                        .isEqualTo(Outcome.DUPLICATE);
            }
        }
        assertThat(f.flushes.get()).isEqualTo(2);
    }

    @Test
    void aBatchAppendsItsEventsTogetherAndHandsThemOverBeforeEachFlushWhereASingleIngestPublishes() {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        IngestionPipeline pipeline = recordingPipeline(calls);

        try (var batch = pipeline.batch()) {
            batch.ingest(small("appended-1"), new MailSource.Import(f.li.id(), "batch"));
            batch.ingest(small("appended-2"), new MailSource.Import(f.li.id(), "batch"));
            assertThat(calls).as("a batch's events wait for its flush").isEmpty();
        }
        assertThat(calls).as("both messages' events in one append, before the hand-over and the flush")
                .startsWith("append of 6").contains("appended MessageStored", "appended MessageLinked", "appended CustomerReplied")
                .endsWith("handOver", "flush").containsOnlyOnce("handOver").filteredOn(c -> c.startsWith("append of")).hasSize(1);
        assertThat(calls.stream().filter(c -> c.equals("appended MessageStored"))).hasSize(2);

        calls.clear();
        pipeline.ingest(small("published"), new MailSource.Import(f.li.id(), "single"));
        assertThat(calls).contains("publish MessageStored").noneMatch(c -> c.startsWith("append") || c.equals("handOver"))
                .endsWith("flush");

        calls.clear();
        pipeline.ingest(small("dropboxed"), new MailSource.Dropbox(MailSource.Dropbox.Mode.BCC, f.li.id(),
                "lilei@team.example", List.of("bcc@crm.local")));
        assertThat(calls).as("the dropbox's 250 waits for the events written and flushed, not handled")
                .contains("appended MessageStored").noneMatch(c -> c.startsWith("publish ") || c.equals("handOver"))
                .endsWith("flush");
    }

    /** The dropbox's batch: each flush writes what waits and syncs, and the listeners' poll takes the events. */
    @Test
    void aBatchFlushedInTheMiddleWritesWhatWaitsAndFlushesWithoutHandingOverAndGoesOn() {
        List<String> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
        IngestionPipeline pipeline = recordingPipeline(recorded);
        // The appends and flushes; which events each append held is the test above's.
        List<String> calls = new java.util.AbstractList<>() {
            private List<String> seen() {
                return recorded.stream().filter(c -> !c.startsWith("appended ")).toList();
            }

            @Override
            public String get(int i) {
                return seen().get(i);
            }

            @Override
            public int size() {
                return seen().size();
            }

            @Override
            public void clear() {
                recorded.clear();
            }
        };
        MailSource bcc = new MailSource.Dropbox(MailSource.Dropbox.Mode.BCC, f.li.id(), "lilei@team.example",
                List.of("bcc@crm.local"));

        try (var batch = pipeline.batch()) {
            batch.ingest(small("group-1a"), bcc);
            batch.ingest(small("group-1b"), bcc);
            assertThat(calls).isEmpty();
            batch.flush();
            assertThat(calls).as("the group's events in one append, then the sync; nobody handles them here")
                    .containsExactly("append of 6", "flush");

            calls.clear();
            batch.flush();
            assertThat(calls).as("nothing waits: only the sync").containsExactly("flush");

            calls.clear();
            assertThat(batch.ingest(small("group-1a"), bcc).outcome()).as("a flushed message is finished")
                    .isEqualTo(Outcome.DUPLICATE);
            batch.ingest(small("group-2"), bcc);
            batch.flush();
            assertThat(calls).as("the duplicate's one event and group-2's three, together")
                    .containsExactly("append of 4", "flush");
        }
    }

    @Test
    void theSameMessageTwiceInOneBatchIsStoredOnceAndADuplicateTheSecondTime() {
        IngestionPipeline pipeline = f.pipeline();
        List<IngestResult> results = new java.util.ArrayList<>();
        try (var batch = pipeline.batch()) {
            for (String id : List.of("twice", "other", "twice")) {
                results.add(batch.ingest(small(id), new MailSource.Import(f.li.id(), "batch")));
            }
        }
        assertThat(results).extracting(IngestResult::outcome).containsExactly(Outcome.STORED, Outcome.STORED, Outcome.DUPLICATE);
        assertThat(f.store.messages().count()).isEqualTo(2);
    }

    @Test
    void theNextMessageHasItsRawKeptAheadAndIsStoredOnceWithItsAttachments() throws Exception {
        IngestionPipeline pipeline = f.pipeline();
        RawMail next = RawMail.of(("From: Hans <hans@batch-acme.de>\r\nTo: lilei@team.example\r\nSubject: drawing\r\n"
                + "Message-ID: <drawing@batch-acme.de>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee drawing\r\n"
                + "--b\r\nContent-Type: application/pdf; name=d.pdf\r\nContent-Disposition: attachment; filename=d.pdf\r\n\r\n"
                + "%PDF-1.4 drawing\r\n--b--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String key = io.genjin.gateway.RawKeys.of(next);
        MailSource source = new MailSource.Import(f.li.id(), "batch");
        try (var batch = pipeline.batch()) {
            batch.ahead(next, source);
            batch.ingest(small("first"), source);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> f.archive.raw().has(key));
            assertThat(batch.ingest(next, source).outcome()).isEqualTo(Outcome.STORED);
        }
        var stored = f.store.messages().byMessageId("drawing@batch-acme.de").orElseThrow();
        assertThat(stored.rawKey()).isEqualTo(key);
        assertThat(stored.attachments()).singleElement().satisfies(a -> {
            try (var in = f.archive.attachments().open(a.storedId())) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)).contains("%PDF-1.4 drawing");
            }
        });
    }

    @Test
    void aBatchThatDiedBeforeItsFlushIsFinishedByTheNextOne() {
        IngestionPipeline pipeline = f.pipeline();
        var dead = pipeline.batch();
        dead.ingest(small("unfinished"), new MailSource.Import(f.li.id(), "batch"));
        // Never closed: the process died with the message stored and its events not yet written.
        assertThat(f.store.messages().byMessageId("unfinished@batch-acme.de")).isPresent();

        try (var batch = pipeline.batch()) {
            assertThat(batch.ingest(small("unfinished"), new MailSource.Import(f.li.id(), "batch")).outcome())
                    .as("not a duplicate: its events were never written").isEqualTo(Outcome.STORED);
        }
        try (var batch = pipeline.batch()) {
            assertThat(batch.ingest(small("unfinished"), new MailSource.Import(f.li.id(), "batch")).outcome())
                    .isEqualTo(Outcome.DUPLICATE);
        }
    }

    @Test
    void aBatchsNewMessagesAreFinishedByOnePublicationOfItsKeyNotByAWriteToEach() {
        IngestionPipeline pipeline = f.pipeline();
        MailboxRef elsewhere = new MailboxRef(f.wang.id(), "INBOX", null);
        List<String> ids = java.util.stream.IntStream.rangeClosed(1, PendingPublication.PUBLISH_FROM)
                .mapToObj(i -> "keyed-" + i).toList();
        try (var batch = pipeline.batch()) {
            for (String id : ids) {
                assertThat(batch.ingest(small(id), new MailSource.Import(f.li.id(), "batch")).outcome()).isEqualTo(Outcome.STORED);
            }
            assertThat(f.store.messages().addMailboxIfComplete("keyed-1@batch-acme.de", elsewhere))
                    .as("stored, its events not yet written").isEqualTo(Messages.Seen.NOT_ADDED);
            f.commands.clear();
        }
        assertThat(f.commands).as("the flush rewrites no message").noneMatch(c -> c.containsKey("update")
                && c.getString("update").getValue().equals("messages"));
        assertThat(f.commands).filteredOn(c -> c.containsKey("insert") && c.getString("insert").getValue().equals("message_publications"))
                .singleElement().satisfies(c -> assertThat(c.getArray("documents")).hasSize(1));
        for (String id : ids) {
            assertThat(f.store.messages().addMailboxIfComplete(id + "@batch-acme.de", elsewhere)).isEqualTo(Messages.Seen.ADDED);
        }
        // Another process, which has not seen the key published, finds them finished too.
        Messages another = new Messages(f.mongo, true);
        assertThat(another.addMailboxIfComplete("keyed-2@batch-acme.de", new MailboxRef("u3", "INBOX", null)))
                .isEqualTo(Messages.Seen.ADDED);
    }

    @Test
    void aMessageOfABatchSeenAgainAfterAnEarlierFlushWaitsForItsOwnFlush() {
        IngestionPipeline pipeline = f.pipeline();
        MailboxRef elsewhere = new MailboxRef(f.wang.id(), "INBOX", null);
        List<String> ids = new java.util.ArrayList<>(List.of("twice"));
        for (int i = 0; i < PendingPublication.PUBLISH_FROM; i++) {
            ids.add("other-" + i);
        }
        ids.addAll(List.of("twice", "after"));
        try (var batch = pipeline.batch()) {
            for (String id : ids) {
                batch.ingest(small(id), new MailSource.Import(f.li.id(), "batch"));
            }
            // The second "twice" wrote what waited, its key published: "after" is under the next key.
            assertThat(f.store.messages().addMailboxIfComplete("other-0@batch-acme.de", elsewhere)).isEqualTo(Messages.Seen.ADDED);
            assertThat(f.store.messages().addMailboxIfComplete("after@batch-acme.de", elsewhere))
                    .as("its events are not written yet").isEqualTo(Messages.Seen.NOT_ADDED);
        }
        assertThat(f.store.messages().addMailboxIfComplete("after@batch-acme.de", elsewhere)).isEqualTo(Messages.Seen.ADDED);
    }

    @Test
    void aMessageOfABatchThatFailedAfterItWasStoredIsNotFinishedByTheBatchsPublication() {
        LinkMessageToCustomer linker = new LinkMessageToCustomer(f.store,
                LinkingPolicy.defaults().withInternalDomains("team.example"), f.clock);
        IngestionPipeline failing = new IngestionPipeline(f.store, f.archive, linker, Understanding.NONE,
                ForwardedMessages.standard(), f.events::add, f.flushes::incrementAndGet, PipelineSettings.defaults(), f.clock,
                (header, messageId) -> {
                    throw new IllegalStateException("tracking store down");
                });
        RawMail tracked = PipelineFixture.mail("""
                From: Li Lei <lilei@team.example>
                To: Hans <hans@batch-acme.de>
                Subject: quotation
                Message-ID: <tracked@team.example>
                X-Genjin-Track: t1.signature

                please find our quotation
                """);
        try (var batch = failing.batch()) {
            // Enough others for the batch to publish its key.
            for (int i = 0; i < PendingPublication.PUBLISH_FROM; i++) {
                assertThat(batch.ingest(small("fine-" + i), new MailSource.Import(f.li.id(), "batch")).outcome())
                        .isEqualTo(Outcome.STORED);
            }
            assertThat(batch.ingest(tracked, new MailSource.Import(f.li.id(), "batch")).outcome()).isEqualTo(Outcome.FAILED);
        }
        assertThat(f.store.messages().byMessageId("tracked@team.example")).as("stored before the step that failed").isPresent();
        f.events.clear();

        IngestResult replayed = f.pipeline().ingest(tracked, new MailSource.Import(f.li.id(), "again"));

        assertThat(replayed.outcome()).as("not a duplicate: its events were never written").isEqualTo(Outcome.STORED);
        assertThat(f.events).contains(new io.genjin.store.events.MessageStored("tracked@team.example", true, f.li.id()));
        assertThat(f.pipeline().ingest(small("fine-0"), new MailSource.Import(f.li.id(), "again")).outcome())
                .isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void aSingleIngestIsDurableBeforeItReturns() {
        f.pipeline().ingest(small("single"), new MailSource.Import(f.li.id(), "test"));
        assertThat(f.flushes.get()).isEqualTo(1);
    }

    /**
     * A new message is looked up by its Message-ID once, by the duplicate check; the linker, told that
     * nothing is stored under it, does not ask again. (A message stored by an ingestion that died is
     * still looked up by the linker: see the test after the next.)
     */
    @Test
    void aNewMessageIsLookedUpByItsMessageIdOnce() {
        IngestionPipeline pipeline = f.pipeline();
        f.commands.clear();
        assertThat(pipeline.ingest(small("once"), new MailSource.Import(f.li.id(), "test")).outcome()).isEqualTo(Outcome.STORED);
        assertThat(f.commands).filteredOn(c -> c.containsKey("find") && c.getString("find").getValue().equals("messages")
                && c.getDocument("filter").get("messageId") != null && c.getDocument("filter").get("messageId").isString()
                && c.getDocument("filter").getString("messageId").getValue().equals("once@batch-acme.de")).hasSize(1);
        assertThat(f.store.messages().byMessageId("once@batch-acme.de")).isPresent();
    }

    /** A pipeline whose events and flushes are noted in {@code calls}: what it publishes, appends (each event too), hands over. */
    private IngestionPipeline recordingPipeline(List<String> calls) {
        io.genjin.store.events.DomainEvents recording = new io.genjin.store.events.DomainEvents() {
            @Override
            public void publish(Object event) {
                calls.add("publish " + event.getClass().getSimpleName());
            }

            @Override
            public void append(List<?> events) {
                calls.add("append of " + events.size());
                events.forEach(e -> calls.add("appended " + e.getClass().getSimpleName()));
            }

            @Override
            public void handOver() {
                calls.add("handOver");
            }
        };
        LinkMessageToCustomer linker = new LinkMessageToCustomer(f.store,
                LinkingPolicy.defaults().withInternalDomains("team.example"), f.clock);
        return new IngestionPipeline(f.store, f.archive, linker, Understanding.NONE,
                ForwardedMessages.standard(), recording, () -> calls.add("flush"), PipelineSettings.defaults(), f.clock);
    }

    private static RawMail small(String id) {
        return RawMail.of(("From: Hans <hans@batch-acme.de>\r\nTo: lilei@team.example\r\nSubject: order " + id
                + "\r\nMessage-ID: <" + id + "@batch-acme.de>\r\n\r\nplease quote\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void ingestingTheSameRawTwiceChangesNothingTheSecondTime() {
        IngestionPipeline pipeline = f.pipeline();
        pipeline.ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test"));
        int events = f.events.size();

        IngestResult again = pipeline.ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test"));

        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.store.timeline().count(companyOf("example.com").id())).isEqualTo(1);
        // Only the search index hears of it again (seen once more); nothing a follow-up rule acts on.
        assertThat(f.events.subList(events, f.events.size())).singleElement()
                .isEqualTo(new io.genjin.store.events.MessageStored(again.messageId(), false, f.li.id()));
        assertThat(f.store.messages().byMessageId(again.messageId()).orElseThrow().mailboxes()).hasSize(1);
    }

    @Test
    void aMessageStoredByAnIngestionThatDiedBeforePublishingIsFinishedOnRedelivery() {
        IngestionPipeline pipeline = f.pipeline();
        IngestResult first = pipeline.ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test"));
        List<Object> published = List.copyOf(f.events);
        // What a crash between storing the message and publishing its events leaves behind.
        f.mongo.getCollection("messages").updateOne(new org.bson.Document("messageId", first.messageId()),
                new org.bson.Document("$unset", new org.bson.Document("eventsPublished", "")));
        f.events.clear();

        IngestResult again = pipeline.ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test"));

        assertThat(again.outcome()).isEqualTo(Outcome.STORED);
        assertThat(f.events).hasSameSizeAs(published);
        assertThat(f.store.timeline().count(companyOf("example.com").id())).isEqualTo(1);
        assertThat(pipeline.ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test")).outcome())
                .isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void theSameMessageInTwoMailboxesIsOneMessageLinkedToEach() {
        IngestionPipeline pipeline = f.pipeline();
        pipeline.ingest(outlookMessage(), new MailSource.Imap("acc1", f.li.id(), "INBOX", 7, 41, false));
        IngestResult second = pipeline.ingest(outlookMessage(), new MailSource.Imap("acc2", f.wang.id(), "INBOX", 9, 3, false));

        assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
        StoredMessage stored = f.store.messages().byMessageId(second.messageId()).orElseThrow();
        assertThat(stored.mailboxes()).extracting(m -> m.userId()).containsExactlyInAnyOrder(f.li.id(), f.wang.id());
        assertThat(f.store.timeline().count(companyOf("example.com").id())).isEqualTo(1);
    }

    @Test
    void theStoredMessageNamesItsRawMessageAndItsAttachmentsInOrder() throws Exception {
        IngestResult result = f.pipeline().ingest(PipelineFixture.mail("""
                Message-ID: <with-parts@example.com>
                From: Doug <doug@example.com>
                To: <lilei@team.example>
                Subject: Price list
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8

                See attached.
                --b
                Content-Type: application/pdf; name="price list.pdf"
                Content-Disposition: attachment; filename="price list.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --b--
                """), new MailSource.Import(f.li.id(), "test"));

        StoredMessage stored = f.store.messages().byMessageId(result.messageId()).orElseThrow();
        assertThat(stored.rawKey()).startsWith("sha256-");
        assertThat(f.archive.raw().has(stored.rawKey())).isTrue();
        assertThat(stored.attachments()).singleElement().satisfies(a -> {
            assertThat(a.index()).isZero();
            assertThat(a.name()).isEqualTo("price list.pdf");
            assertThat(a.type()).isEqualTo("application/pdf");
            assertThat(a.kept()).isTrue();
        });
        try (var in = f.archive.attachments().open(stored.attachments().get(0).storedId())) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4\n");
        }
    }

    @Test
    void eachMessageIsOneLogLineWithItsOutcomeAndEveryStepsDecisionInOrder() {
        IngestionPipeline pipeline = f.pipeline();
        List<String> lines;
        try (LogLines log = LogLines.of(IngestionPipeline.class)) {
            pipeline.ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test"));
            pipeline.ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test"));
            lines = log.messages();
        }

        assertThat(lines).hasSize(2);
        String stored = lines.get(0);
        assertThat(stored).matches("ingest NDBBIAKOPKHFGPLCODIGKEKECHAA\\.doug@example\\.com STORED in \\d+\\.\\d ms \\| keepRaw: raw kept .*")
                .contains("| deduplicate: new message |").contains("| checkpoint: durable");
        int at = 0;
        for (String step : pipeline.stepNames()) {
            int next = stored.indexOf(" | " + step + ": ", at);
            assertThat(next).as("step %s after position %d in %s", step, at, stored).isGreaterThan(at);
            at = next;
        }
        assertThat(lines.get(1))
                .matches("ingest NDBBIAKOPKHFGPLCODIGKEKECHAA\\.doug@example\\.com DUPLICATE at deduplicate in \\d+\\.\\d ms "
                        + "\\| keepRaw: raw already kept \\S+ \\| deduplicate: known message.*");
    }

    @Test
    void aFailingStepKeepsTheMessageForReplayAndReplayStoresIt() {
        AtomicBoolean broken = new AtomicBoolean(true);
        IngestionPipeline pipeline = f.pipeline(mail -> {
            if (broken.get()) {
                throw new IllegalStateException("classifier crashed");
            }
            return Understanding.Result.NOTHING;
        });

        IngestResult failed = pipeline.ingest(outlookMessage(), new MailSource.Import(f.li.id(), "test"));

        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        List<FailedMessage> open = f.archive.failures().open(10);
        assertThat(open).singleElement().satisfies(m -> {
            assertThat(m.step()).isEqualTo("understand");
            assertThat(f.archive.raw().has(m.rawKey())).isTrue();
        });
        assertThat(f.store.messages().byMessageId(failed.messageId())).isEmpty();

        broken.set(false);
        IngestResult replayed = pipeline.replay(open.get(0).id()).orElseThrow();

        assertThat(replayed.outcome()).isEqualTo(Outcome.STORED);
        assertThat(f.archive.failures().open(10)).isEmpty();
        assertThat(f.store.timeline().count(companyOf("example.com").id())).isEqualTo(1);
    }

    @Test
    void malformedMimeIsStoredWithItsProblemsNeverDropped() {
        Path dir = Corpora.require("mime-torture/stalwart-mail-parser/resources/eml/malformed");
        IngestionPipeline pipeline = f.pipeline();
        for (Path file : Corpora.files(dir, ".eml")) {
            IngestResult r = pipeline.ingest(RawMail.of(file), new MailSource.Import(f.li.id(), file.toString()));
            assertThat(r.outcome()).as(file.toString()).isIn(Outcome.STORED, Outcome.DUPLICATE);
        }
        assertThat(f.archive.failures().open(100)).isEmpty();
    }

    @Test
    void ourOwnMailComingBackIsALoop() {
        IngestResult r = f.pipeline().ingest(PipelineFixture.mail("""
                From: lilei@team.example
                To: buyer@acme-trading.de
                Subject: Quote
                Message-ID: <q1@team.example>
                X-Genjin-Tracking: abc

                hello
                """), new MailSource.Import(f.li.id(), "test"));
        assertThat(r.outcome()).isEqualTo(Outcome.LOOP);
        assertThat(f.store.messages().byMessageId("q1@team.example")).isEmpty();
    }

    @Test
    void aTrackedQuotationSentFromOutlookIsLoggedAndItsHeaderHandedToTracking() {
        List<String> seen = new java.util.ArrayList<>();
        LinkMessageToCustomer linker = new LinkMessageToCustomer(f.store,
                LinkingPolicy.defaults().withInternalDomains("team.example"), f.clock);
        IngestionPipeline pipeline = new IngestionPipeline(f.store, f.archive, linker, Understanding.NONE,
                ForwardedMessages.standard(), f.events::add, () -> { }, PipelineSettings.defaults(), f.clock,
                (value, messageId) -> {
                    seen.add(value + " " + messageId);
                    return new io.genjin.gateway.SentTracking.Verdict(true, "linked");
                });
        String mail = """
                From: lilei@team.example
                To: buyer@acme-trading.de
                Subject: Quotation
                Message-ID: <q2@team.example>
                X-Genjin-Track: 65a1b2c3d4e5f60718293a4b.k1.mac

                Please find our quotation.
                """;
        IngestResult r = pipeline.ingest(PipelineFixture.mail(mail), new MailSource.Imap("a", f.li.id(), "Sent", 1, 7, true));
        assertThat(r.outcome()).isEqualTo(Outcome.STORED);
        assertThat(seen).containsExactly("65a1b2c3d4e5f60718293a4b.k1.mac q2@team.example");
        // Seen again (the BCC copy after the Sent Items copy): a duplicate, not handed over twice.
        assertThat(pipeline.ingest(PipelineFixture.mail(mail), new MailSource.Addin(f.li.id())).outcome())
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(seen).hasSize(1);
        assertThat(pipeline.stepNames()).containsSubsequence("appendToTimeline", "linkTracking", "publishEvents");
    }

    @Test
    void aForwardToTheDropboxIsLoggedOnTheOriginalCorrespondentsTimelineForTheForwarder() {
        IngestResult r = f.pipeline().ingest(PipelineFixture.mail("""
                From: Li Lei <lilei@team.example>
                To: log@crm.team.example
                Subject: =?UTF-8?B?6L2s5Y+R77yaUkZRIExFRCBwYW5lbHM=?=
                Message-ID: <fwd1@team.example>
                Content-Type: text/plain; charset=UTF-8

                请跟进

                ------------------ 原始邮件 ------------------
                发件人: "Hans Buyer"<hans@acme-trading.de>;
                发送时间: 2026年3月1日(星期日) 上午9:00
                收件人: "Li Lei"<lilei@team.example>;
                主题: RFQ LED panels

                Please quote 2000 pcs.
                """), new MailSource.Dropbox(MailSource.Dropbox.Mode.FORWARD, f.li.id(), "lilei@team.example",
                List.of("log@crm.team.example")));

        assertThat(r.outcome()).isEqualTo(Outcome.STORED);
        Company acme = companyOf("acme-trading.de");
        Activity a = f.store.timeline().page(acme.id(), Set.of(), null, 10).items().get(0);
        assertThat(a.title()).isEqualTo("RFQ LED panels");
        assertThat(a.body()).startsWith("Please quote 2000 pcs.");
        assertThat(a.actorId()).isEqualTo(f.li.id());
        assertThat(a.attributes()).containsEntry("forwardedBy", f.li.id()).containsEntry("from", "hans@acme-trading.de");
    }

    /**
     * A reply copied to the forward address carries the customer's mail as quoted history under its
     * header block: "Re:" says it is the rep's reply, logged as written, not the quoted mail unwrapped.
     */
    @Test
    void aReplyCopiedToTheForwardAddressIsLoggedAsTheRepsReply() {
        IngestResult r = f.pipeline().ingest(PipelineFixture.mail("""
                From: Li Lei <lilei@team.example>
                To: Hans Buyer <hans@acme-trading.de>
                Cc: log@crm.team.example
                Subject: AW: RFQ LED panels
                Message-ID: <re2@team.example>
                Content-Type: text/plain; charset=UTF-8

                Dear Hans, USD 12.40 per piece, FOB Ningbo.

                Von: Hans Buyer <hans@acme-trading.de>
                Gesendet: Sonntag, 1. März 2026 09:00
                An: Li Lei <lilei@team.example>
                Betreff: RFQ LED panels

                Please quote 2000 pcs.
                """), new MailSource.Dropbox(MailSource.Dropbox.Mode.FORWARD, f.li.id(), "lilei@team.example",
                List.of("log@crm.team.example")));

        assertThat(r.outcome()).isEqualTo(Outcome.STORED);
        Activity a = f.store.timeline().page(companyOf("acme-trading.de").id(), Set.of(), null, 10).items().get(0);
        assertThat(a.title()).isEqualTo("AW: RFQ LED panels");
        assertThat(a.body()).startsWith("Dear Hans, USD 12.40");
        assertThat(a.attributes()).doesNotContainKey("forwardedBy");
    }
}
