package io.genjin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.genjin.app.GenjinApplication;
import io.genjin.app.events.Backlog;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The import and parse commands, run as the command line runs them, on a fresh embedded store. */
class ImportCommandTest {
    @TempDir
    Path data;

    @Test
    void importsAnMboxTwiceWithoutDuplicatingAndPrintsASummary() throws Exception {
        Path mbox = Path.of("../../shared/corpora/sisimai/set-of-emails/mailbox/mbox-0");
        assumeTrue(Files.exists(mbox), "corpus absent");
        String dataDir = "--genjin.store.data-dir=" + data;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GenjinApplication.class)
                .web(WebApplicationType.NONE).run(dataDir, "--spring.main.banner-mode=off")) {
            context.getBean(CrmStore.class).users().create("Rep", List.of("rep@team.example"), Role.REP, null, null, "en");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A background backlog that takes ten readings to finish: the import waits for it before it stops.
        int first = CommandLine.run(new String[] {"import", "--mbox", mbox.toString(), "--owner", "rep@team.example", dataDir,
                "--spring.main.sources=" + SlowBacklog.class.getName()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String firstRun = out.toString(StandardCharsets.UTF_8);
        // The decision log, written in blocks during the import, holds every message's last step by the summary.
        String decisions = Files.readString(data.resolve("import.log"), StandardCharsets.UTF_8);
        out.reset();
        CommandLine.run(new String[] {"import", "--mbox", mbox.toString(), "--owner", "rep@team.example", dataDir},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String secondRun = out.toString(StandardCharsets.UTF_8);

        assertThat(first).isZero();
        assertThat(firstRun).contains("100%").containsPattern("import: stored 3\\d, duplicates \\d+, linked \\d+, unlinked \\d+, failed 0");
        assertThat(firstRun).contains("import: finishing: ").contains(" slow work");
        assertThat(SlowBacklog.LEFT.get()).as("read until it said nothing was left").isLessThanOrEqualTo(0);
        assertThat(secondRun).contains("import: stored 0, duplicates 37");
        Matcher storedFirst = Pattern.compile("import: stored (\\d+)").matcher(firstRun);
        assertThat(storedFirst.find()).isTrue();
        assertThat(Pattern.compile(" \\| checkpoint: ").matcher(decisions).results().count())
                .isEqualTo(Long.parseLong(storedFirst.group(1)));
        // The import ended with its mail searchable and the index closed cleanly: no rebuild at the next start.
        try (Directory index = FSDirectory.open(data.resolve("search")); DirectoryReader reader = DirectoryReader.open(index)) {
            assertThat(SegmentInfos.readLatestCommit(index).getUserData()).containsEntry("clean", "true");
            Matcher stored = Pattern.compile("import: stored (\\d+)").matcher(firstRun);
            assertThat(stored.find()).isTrue();
            assertThat(reader.numDocs()).isEqualTo(Integer.parseInt(stored.group(1)));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SlowBacklog {
        static final AtomicInteger LEFT = new AtomicInteger(10);

        @Bean
        Backlog slowWork() {
            return Backlog.of("slow work", () -> Math.max(0, LEFT.decrementAndGet()));
        }
    }

    @Test
    void parsePrintsOneJsonLinePerFile() {
        Path eml = Path.of("../../shared/corpora/cjk/kopano-inetmapi/inetmapi/tests/mails/gb2312_18030.eml");
        assumeTrue(Files.exists(eml), "corpus absent");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = CommandLine.run(new String[] {"parse", eml.toString(), eml.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(status).isZero();
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"file\":").contains("\"name\":\"梁祐晟\"").contains("\"problems\":");
    }
}
