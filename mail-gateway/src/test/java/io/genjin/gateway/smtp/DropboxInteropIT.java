package io.genjin.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.smtp.KnownSenders.Sender;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dropbox against real SMTP clients from Debian: Postfix's smtp-source as the load generator
 * and swaks for scripted refusals. Loopback only, bounded in messages and time.
 */
class DropboxInteropIT {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-Id:\\s*<([^>]+)>");
    private static final String REP = "li.wei@genjin-trading.cn";

    @TempDir
    Path spool;
    private final Map<String, AtomicInteger> ingestedById = new ConcurrentHashMap<>();
    private final AtomicInteger ingested = new AtomicInteger();
    private SmtpDropbox dropbox;

    /** Counts each Message-ID it is given, reading the whole message as the real pipeline would. */
    private final MailIngestion counting = (RawMail mail, MailSource source) -> {
        try (InputStream in = mail.open()) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            Matcher m = MESSAGE_ID.matcher(text);
            String id = m.find() ? m.group(1) : "none-" + ingested.get();
            ingestedById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            ingested.incrementAndGet();
            return new IngestResult(IngestResult.Outcome.STORED, id, id, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    @BeforeEach
    void start() {
        DropboxSettings d = DropboxSettings.defaults(0);
        DropboxSettings settings = new DropboxSettings(d.host(), 0, d.hostname(), d.bccAddresses(),
                d.forwardAddresses(), 64 * 1024, d.maxConnections(), d.connectionTimeout(), spool, false, List.of());
        Sender rep = new Sender("u-li", List.of(REP));
        dropbox = new SmtpDropbox(settings, a -> REP.equalsIgnoreCase(a) ? Optional.of(rep) : Optional.empty(), counting)
                .start();
    }

    @AfterEach
    void stop() {
        dropbox.close();
    }

    @Test
    void twentySmtpSourceSessionsOfFiftyMessagesEachReachIngestionExactlyOnce() throws Exception {
        InstalledTool smtpSource = InstalledTool.require("smtp-source", "postfix");
        long started = System.nanoTime();
        InstalledTool.Run run = smtpSource.run(180, "-s", "20", "-m", "1000", "-d", "-M", "client.test",
                "-f", REP, "-t", "bcc@crm.local", "-S", "Quotation follow-up", "-l", "2000",
                "127.0.0.1:" + dropbox.port());
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(ingested).hasValue(1000);
        assertThat(ingestedById).hasSize(1000);
        assertThat(ingestedById.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(spool).isEmptyDirectory();
        System.out.printf("smtp-source 20 sessions x 50 messages: %.0f messages/s%n", 1000 / seconds);
    }

    @Test
    void smtpSourceFromAStrangerIsRefusedAndNothingIsIngested() throws Exception {
        InstalledTool smtpSource = InstalledTool.require("smtp-source", "postfix");
        InstalledTool.Run run = smtpSource.run(30, "-s", "2", "-m", "4", "-M", "client.test",
                "-f", "stranger@spam.example", "-t", "bcc@crm.local", "127.0.0.1:" + dropbox.port());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("550").contains("not a Genjin user");
        assertThat(ingested).hasValue(0);
    }

    @Test
    void swaksSeesTheRefusalsASalespersonsClientWould() throws Exception {
        InstalledTool swaks = InstalledTool.require("swaks", "swaks");
        String server = "127.0.0.1:" + dropbox.port();

        InstalledTool.Run stranger = swaks.run(30, "--server", server, "--helo", "client.test",
                "--from", "stranger@spam.example", "--to", "bcc@crm.local");
        assertThat(stranger.output()).contains("<** 550 5.7.1 <stranger@spam.example> is not a Genjin user");

        InstalledTool.Run relay = swaks.run(30, "--server", server, "--helo", "client.test",
                "--from", REP, "--to", "buyer@acme-imports.com");
        assertThat(relay.output()).contains("<** 550 5.1.1 <buyer@acme-imports.com>: no such dropbox address");

        Path big = Files.writeString(spool.resolveSibling(spool.getFileName() + "-big.txt"), "x".repeat(100_000));
        try {
            InstalledTool.Run tooBig = swaks.run(30, "--server", server, "--helo", "client.test",
                    "--from", REP, "--to", "bcc@crm.local", "--body", "@" + big);
            assertThat(tooBig.output()).contains("<** 552 5.3.4 Message too big");
        } finally {
            Files.deleteIfExists(big);
        }

        InstalledTool.Run accepted = swaks.run(30, "--server", server, "--helo", "client.test",
                "--from", REP, "--to", "bcc@crm.local,fwd@crm.local");
        assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        assertThat(accepted.output()).contains("<-  250 2.0.0 Ok: logged to the CRM");
        assertThat(ingested).hasValue(2);
    }
}
