package io.genjin.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.genjin.gateway.reading.MailContent;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredAttachment;
import io.genjin.store.message.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneMailSearchTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final MailSearch.Visibility REP1 = new MailSearch.Visibility(false, Set.of("rep1"), Set.of("acme"));

    @TempDir
    Path dir;
    private final Source source = new Source();
    private LuceneMailSearch index;

    @AfterEach
    void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void aChineseWordIsFoundInsideARunOfHanTextAndAnotherWordWithTheSameCharactersIsNot() {
        source.put(message("m1", "报价", "rep1", "acme"), "您好，请查收报价单，谢谢。", "");
        open();
        assertThat(ids("报价单")).containsExactly("m1");
        assertThat(ids("报价")).containsExactly("m1");
        assertThat(ids("查收")).containsExactly("m1");
        assertThat(ids("单价")).isEmpty();
        assertThat(ids("价格")).isEmpty();
    }

    @Test
    void englishWordsAreFoundInAnyFormAndAnyCase() {
        source.put(message("m1", "Quotations for LED panels", "rep1", "acme"), "The goods were SHIPPED yesterday.", "");
        open();
        assertThat(ids("quotation")).containsExactly("m1");
        assertThat(ids("QUOTATION led")).containsExactly("m1");
        assertThat(ids("shipping")).containsExactly("m1");
        assertThat(ids("quotation invoice")).as("every word must match").isEmpty();
    }

    @Test
    void theNewTextRanksAboveTheQuotedHistory() {
        source.put(message("quoted", "Re: hello", "rep1", "acme"), "Thanks, noted.", "> please send the sample catalogue");
        source.put(message("new", "Re: hello", "rep1", "acme"), "Please send the sample catalogue.", "> thanks");
        open();
        assertThat(ids("catalogue")).containsExactly("new", "quoted");
    }

    @Test
    void attachmentNamesAndPeopleAreSearchedAndTheSnippetSaysWhereItMatched() {
        StoredMessage m = message("m1", "Documents", "rep1", "acme");
        m = withAttachment(m, "PI-2026-042 proforma.pdf");
        source.put(m, "See attached.", "");
        open();
        MailSearch.Results found = index.search(request("proforma"), REP1);
        assertThat(found.hits()).singleElement().satisfies(h -> {
            assertThat(h.matchedIn()).isEqualTo("attachments");
            assertThat(h.attachments()).containsExactly("PI-2026-042 proforma.pdf");
            assertThat(h.snippet().parts()).contains(new Snippet.Part("proforma", true));
        });
        assertThat(ids("buyer@acme.example")).containsExactly("m1");
        assertThat(ids("\"Hans Buyer\"")).containsExactly("m1");
    }

    @Test
    void snippetsMarkTheWholeChineseWordAndCarryMailTextOnlyAsText() {
        source.put(message("m1", "<b>报价</b>", "rep1", "acme"), "<script>alert(1)</script> 请查收报价单", "");
        open();
        MailSearch.Hit hit = index.search(request("报价单"), REP1).hits().get(0);
        assertThat(hit.snippet().parts()).contains(new Snippet.Part("报价单", true));
        assertThat(hit.snippet().text()).contains("<script>alert(1)</script>");
        assertThat(hit.subject()).as("报价 alone is not 报价单").isEqualTo(Snippet.plain("<b>报价</b>"));
        assertThat(index.search(request("报价"), REP1).hits().get(0).subject().parts()).contains(new Snippet.Part("报价", true));
    }

    @Test
    void aUserFindsAndCountsOnlyMailOfTheirMailboxesAndOfCustomersTheyMaySee() {
        source.put(message("own", "quotation A", "rep1", "other-co"), "price list", "");
        source.put(message("customer", "quotation B", "rep2", "acme"), "price list", "");
        source.put(message("theirs", "quotation C", "rep2", "beta"), "price list", "");
        source.put(message("held", "quotation D", "rep2"), "price list", "");
        open();
        MailSearch.Results found = index.search(request("quotation"), REP1);
        assertThat(found.total()).isEqualTo(2);
        assertThat(found.hits()).extracting(MailSearch.Hit::storedId).containsExactlyInAnyOrder("own", "customer");
        assertThat(index.search(request("quotation"), MailSearch.Visibility.ALL).total()).isEqualTo(4);
        assertThat(index.search(request("quotation"), new MailSearch.Visibility(false, Set.of(), Set.of())).total()).isZero();
    }

    @Test
    void filtersNarrowByCustomerDateDirectionAndAttachment() {
        source.put(message("m1", "quotation", "rep1", "acme"), "x", "");
        StoredMessage later = at(message("m2", "quotation", "rep1", "acme", "beta"), T0.plus(Duration.ofDays(10)));
        source.put(withAttachment(later, "offer.xlsx"), "x", "");
        open();
        assertThat(ids(new MailSearch.Request("quotation", "beta", null, null, null, null, null, 0, 20))).containsExactly("m2");
        assertThat(ids(new MailSearch.Request("quotation", null, T0.plus(Duration.ofDays(1)), null, null, null, null, 0, 20)))
                .containsExactly("m2");
        assertThat(ids(new MailSearch.Request("quotation", null, null, T0.plus(Duration.ofDays(1)), null, null, null, 0, 20)))
                .containsExactly("m1");
        assertThat(ids(new MailSearch.Request("quotation", null, null, null, null, true, null, 0, 20))).containsExactly("m2");
        assertThat(ids(new MailSearch.Request("quotation", null, null, null, Direction.OUTBOUND, null, null, 0, 20))).isEmpty();
        assertThat(ids(new MailSearch.Request("", null, null, null, Direction.INBOUND, null, null, 0, 20)))
                .as("no text: newest first").containsExactly("m2", "m1");
    }

    @Test
    void pagesAreSlicesOfOneOrder() {
        for (int i = 0; i < 5; i++) {
            source.put(at(message("m" + i, "quotation " + i, "rep1", "acme"), T0.plusSeconds(i)), "x", "");
        }
        open();
        MailSearch.Request second = new MailSearch.Request("quotation", null, null, null, null, null, MailSearch.Order.NEWEST, 1, 2);
        MailSearch.Results page = index.search(second, REP1);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.hits()).extracting(MailSearch.Hit::storedId).containsExactly("m2", "m1");
    }

    @Test
    void aRelinkOrAMergeChangesWhoFindsTheMessageOnceTheIndexHearsOfIt() {
        source.put(message("m1", "quotation", "rep2", "beta"), "x", "");
        open();
        assertThat(ids("quotation")).isEmpty();

        source.put(message("m1", "quotation", "rep2", "acme"), "x", "");
        index.messagesChanged(List.of("m1@test"));
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        assertThat(ids("quotation")).containsExactly("m1");

        source.put(message("m1", "quotation", "rep2"), "x", "");
        index.messagesChanged(List.of("m1@test"));
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        assertThat(ids("quotation")).isEmpty();
    }

    @Test
    void badSyntaxIsABadQueryNotAFailure() {
        open();
        assertThatThrownBy(() -> index.search(request("quotation AND"), REP1)).isInstanceOf(MailSearch.BadQuery.class);
        assertThatThrownBy(() -> index.search(request("\"unclosed"), REP1)).isInstanceOf(MailSearch.BadQuery.class);
        assertThatThrownBy(() -> index.search(request("*otation"), REP1)).isInstanceOf(MailSearch.BadQuery.class);
    }

    @Test
    void anIndexThatWasNotShutDownCleanlyIsRebuiltFromTheStore(@TempDir Path elsewhere) throws IOException {
        source.put(message("m1", "quotation one", "rep1", "acme"), "x", "");
        source.put(message("m2", "quotation two", "rep1", "acme"), "x", "");
        open();
        // a folder of its own, removed with the test
        Path crashed = Files.createDirectory(elsewhere.resolve("crashed"));
        // The files as a crash leaves them: the last commit says "not shut down cleanly".
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, crashed.resolve(f.getFileName()));
            }
        }
        index.close();
        index = null;
        source.remove("m2@test");
        // Stored long before the checkpoint: only a rebuild, not a catch-up, finds it.
        source.put(at(message("m3", "quotation three", "rep1", "acme"), T0.minus(Duration.ofDays(400))), "x", "");

        index = new LuceneMailSearch(crashed, source, Clock.systemUTC(), null);
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        assertThat(ids("quotation")).containsExactlyInAnyOrder("m1", "m3");
        assertThat(index.status().messages()).isEqualTo(2);
    }

    @Test
    void aCleanlyClosedIndexReopensAndCatchesUpOnMailStoredSince() throws IOException {
        source.put(message("m1", "quotation one", "rep1", "acme"), "x", "");
        open();
        index.close();
        source.put(at(message("m2", "quotation two", "rep1", "acme"), T0.plus(Duration.ofDays(1))), "x", "");
        source.put(at(message("old", "quotation old", "rep1", "acme"), T0.minus(Duration.ofDays(400))), "x", "");
        index = new LuceneMailSearch(dir, source, Clock.systemUTC(), null);
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        assertThat(ids("quotation")).as("caught up from the checkpoint, not rebuilt").containsExactlyInAnyOrder("m1", "m2");
    }

    @Test
    void closingWakesTheIndexingThreadAndLeavesTheIndexCleanHoweverLongItWaitsForAChange() throws IOException {
        source.put(message("m1", "quotation one", "rep1", "acme"), "x", "");
        // Idle, the thread waits this long for a change: close must not wait for it (it waits 30 s, then
        // gives up and leaves the index unclean, to be rebuilt at the next start).
        index = new LuceneMailSearch(dir, source, Clock.systemUTC(), null, false, Duration.ofMinutes(10),
                Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        index.close();
        source.put(at(message("old", "quotation old", "rep1", "acme"), T0.minus(Duration.ofDays(400))), "x", "");
        index = new LuceneMailSearch(dir, source, Clock.systemUTC(), null);
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        assertThat(ids("quotation")).as("closed cleanly: caught up, not rebuilt").containsExactly("m1");
    }

    @Test
    void aSearchFindsWhatIsWrittenWithoutWaitingForTheIndexToReopen() throws IOException {
        source.put(message("m1", "quotation one", "rep1", "acme"), "x", "");
        // The thread reopens only after its queue has been quiet this long: the search must reopen itself.
        index = new LuceneMailSearch(dir, source, Clock.systemUTC(), null, false, Duration.ofMillis(50), Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        assertThat(ids("quotation")).containsExactly("m1");
        source.put(message("m2", "quotation two", "rep1", "acme"), "x", "");
        index.messagesChanged(List.of("m2@test"));
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        assertThat(ids("quotation")).as("written a moment ago, not reopened since").containsExactlyInAnyOrder("m1", "m2");
        source.put(message("m1", "proforma one", "rep1", "acme"), "x", "");
        index.messagesChanged(List.of("m1@test"));
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
        assertThat(ids("quotation")).as("a document replaced").containsExactly("m2");
    }

    private void open() {
        index = new LuceneMailSearch(dir, source, Clock.systemUTC(), null);
        await().atMost(Duration.ofSeconds(20)).until(index::idle);
    }

    private List<String> ids(String text) {
        return ids(request(text));
    }

    private List<String> ids(MailSearch.Request request) {
        return index.search(request, REP1).hits().stream().map(MailSearch.Hit::storedId).toList();
    }

    private static MailSearch.Request request(String text) {
        return new MailSearch.Request(text, null, null, null, null, null, null, 0, 20);
    }

    static StoredMessage message(String id, String subject, String mailboxOwner, String... companies) {
        return new StoredMessage(id, id + "@test", null, null, List.of(), Direction.INBOUND,
                new Participant("Hans Buyer", "buyer@acme.example"), List.of(new Participant("Rep", "rep@team.example")),
                List.of(), subject, T0, "", List.of(new MailboxRef(mailboxOwner, "INBOX", 1L)),
                companies.length == 0 ? null : companies[0], List.of(), T0, List.of(companies), List.of(),
                companies.length == 0 ? "NONE_AUTOMATED" : null, null, null, List.of());
    }

    private static StoredMessage at(StoredMessage m, Instant when) {
        return new StoredMessage(m.id(), m.messageId(), m.threadKey(), m.inReplyTo(), m.references(), m.direction(), m.from(),
                m.to(), m.cc(), m.subject(), when, m.snippet(), m.mailboxes(), m.companyId(), m.contactIds(), when,
                m.companyIds(), m.links(), m.heldStep(), m.heldDetail(), m.rawKey(), m.attachments());
    }

    private static StoredMessage withAttachment(StoredMessage m, String name) {
        return new StoredMessage(m.id(), m.messageId(), m.threadKey(), m.inReplyTo(), m.references(), m.direction(), m.from(),
                m.to(), m.cc(), m.subject(), m.sentAt(), m.snippet(), m.mailboxes(), m.companyId(), m.contactIds(),
                m.storedAt(), m.companyIds(), m.links(), m.heldStep(), m.heldDetail(), m.rawKey(),
                List.of(new StoredAttachment(2, name, "application/octet-stream", 100, null, false, "a1"),
                        new StoredAttachment(3, "image001.png", "image/png", 100, "cid1", true, "a2")));
    }

    /** The store as the index reads it: messages by Message-ID, each with its text. */
    static final class Source implements MessageSource {
        private final Map<String, StoredMessage> messages = new ConcurrentHashMap<>();
        private final Map<String, MailContent> contents = new ConcurrentHashMap<>();

        void put(StoredMessage m, String reply, String quoted) {
            messages.put(m.messageId(), m);
            contents.put(m.messageId(), new MailContent(reply, quoted, null, false));
        }

        void remove(String messageId) {
            messages.remove(messageId);
        }

        @Override
        public List<StoredMessage> byMessageIds(List<String> messageIds) {
            return messageIds.stream().map(messages::get).filter(java.util.Objects::nonNull).toList();
        }

        @Override
        public Stream<StoredMessage> all() {
            return List.copyOf(messages.values()).stream();
        }

        @Override
        public Stream<StoredMessage> storedSince(Instant since) {
            return all().filter(m -> !m.storedAt().isBefore(since));
        }

        @Override
        public Optional<MailContent> content(StoredMessage message) {
            return Optional.ofNullable(contents.get(message.messageId()));
        }
    }
}
