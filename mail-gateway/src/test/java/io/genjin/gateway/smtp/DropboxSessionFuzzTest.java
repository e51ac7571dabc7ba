package io.genjin.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.MailParser;
import io.genjin.gateway.mime.ParsedMail;
import io.genjin.gateway.smtp.FuzzedSmtpSession.Step;
import io.genjin.gateway.smtp.KnownSenders.Sender;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Whatever a client says, the dropbox answers only with its documented replies and hands the
 * pipeline nothing but a known user's mail to its own dropbox addresses, From: header included. The
 * real listener on a loopback port, one connection per input (seeds: readable session scripts beside
 * this class; see {@link FuzzedSmtpSession} for their form).
 */
class DropboxSessionFuzzTest {
    private static final String USER = "li.wei@genjin-trading.cn";
    private static final Sender LI = new Sender("u-li", List.of(USER, "liwei@163.com"));
    private static final Map<String, Sender> USERS = Map.of(USER, LI, "liwei@163.com", LI);
    private static final AtomicLong ingested = new AtomicLong();
    private static final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static Path spool;
    private static SmtpDropbox dropbox;

    @BeforeAll
    static void start() throws IOException {
        spool = Files.createTempDirectory("dropbox-fuzz-");
        DropboxSettings d = DropboxSettings.defaults(0);
        // A small size limit, so the fuzzer reaches the 552 path; the From: header rule on.
        DropboxSettings settings = new DropboxSettings(d.host(), 0, d.hostname(), d.bccAddresses(),
                d.forwardAddresses(), 4_096, 50, Duration.ofSeconds(30), spool, true, List.of());
        dropbox = new SmtpDropbox(settings, a -> Optional.ofNullable(USERS.get(a.toLowerCase())),
                new CheckingIngestion(settings)).start();
    }

    @AfterAll
    static void stop() throws IOException {
        dropbox.close();
        try (var files = Files.walk(spool)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"EHLO ", "HELO ", "MAIL FROM:<", "RCPT TO:<", "DATA", "RSET", "NOOP", "QUIT", "VRFY ",
        "AUTH PLAIN ", "STARTTLS", " SIZE=", " BODY=8BITMIME", " SMTPUTF8", "bcc@crm.local", "fwd@crm.local",
        USER, "liwei@163.com", "From: ", "Message-ID: <", "\\x0A.\\x0A"})
    void anySessionGetsOnlyDocumentedRepliesAndLogsOnlyAUsersOwnMail(byte[] script) throws IOException {
        // The test talks to its own servers on loopback and nothing else: not an SSRF finding. (Set
        // here, not in @BeforeAll: the fuzzer's hooks are only in place once the fuzz test runs.)
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.startsWith("127."));
        long before = ingested.get();
        List<Step> steps;
        try (FuzzedSmtpSession session = new FuzzedSmtpSession(dropbox.port())) {
            steps = session.run(script, UnaryOperator.identity(), null);
            for (Step step : steps) {
                if (step.code() == 250 && step.command().equals("DATA")) {
                    assertThat(ingested.get()).as("250 after DATA without the pipeline taking the message\n%s",
                            session.transcript()).isGreaterThan(before);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** The pipeline's side: checks what it is handed, and stores nothing. */
    private record CheckingIngestion(DropboxSettings settings) implements MailIngestion {
        @Override
        public IngestResult ingest(RawMail mail, MailSource source) {
            MailSource.Dropbox dropboxSource = (MailSource.Dropbox) source;
            if (!"u-li".equals(dropboxSource.ownerUserId()) || !USERS.containsKey(dropboxSource.envelopeFrom()
                    .toLowerCase())) {
                violations.add("ingested for a stranger: " + dropboxSource);
            }
            for (String rcpt : dropboxSource.envelopeRecipients()) {
                if (settings.modeOf(rcpt).filter(m -> m == dropboxSource.mode()).isEmpty()) {
                    violations.add("ingested for a recipient that is not this dropbox: " + rcpt);
                }
            }
            // The pipeline's own reading of From: must agree with the dropbox's check of it.
            try (InputStream in = mail.open()) {
                List<String> from = new MailParser().headers(in).getOrDefault("from", List.of()).stream()
                        .flatMap(v -> MailParser.addresses(v).stream()).map(ParsedMail.Address::address)
                        .map(a -> a == null ? "" : a.toLowerCase(Locale.ROOT)).toList();
                if (from.isEmpty() || !LI.addresses().containsAll(from)) {
                    violations.add("ingested with a From: header not the user's own: " + from);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ingested.incrementAndGet();
            return new IngestResult(IngestResult.Outcome.STORED, "id", "s", null, null);
        }
    }
}
