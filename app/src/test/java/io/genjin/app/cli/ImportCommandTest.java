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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.springframework.data.mongodb.core.MongoOperations;

/** The import and parse commands, run as the command line runs them, on a fresh embedded store. */
class ImportCommandTest {
    @TempDir
    Path data;

    @Test
    void importsAnMboxTwiceWithoutDuplicatingAndPrintsASummary() throws Exception {
        Path mbox = Path.of("../../shared/corpora/sisimai/set-of-emails/mailbox/mbox-0");
        assumeTrue(Files.exists(mbox), "corpus absent");
        String dataDir = addRep(data);
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

    /**
     * An import makes only the beans its work reaches (lazy initialisation, for a quarter of its start-up):
     * what it stores must be what an import that makes every bean stores. Customers' conversations (an
     * inquiry, the rep's quotation with its PDF, the customer's answer, an out-of-office) and a file of
     * delivery reports are imported into two fresh stores, once as shipped and once with every bean made;
     * every collection must hold the same documents, generated ids and times aside, and the search
     * index the same number of messages.
     */
    @Test
    void anImportThatMakesOnlyWhatItUsesStoresWhatAnImportMakingEveryBeanStores() throws Exception {
        Path bounces = Path.of("../../shared/corpora/sisimai/set-of-emails/mailbox/mbox-0");
        assumeTrue(Files.exists(bounces), "corpus absent");
        Path mbox = data.resolve("mail.mbox");
        Files.writeString(mbox, conversations() + Files.readString(bounces, StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1);
        Map<String, List<String>> asShipped = importedInto(data.resolve("as-shipped"), mbox);
        // Every bean made, with all the auto-configuration the server takes (ImportAutoConfiguration).
        Map<String, List<String>> everyBean = importedInto(data.resolve("every-bean"), mbox,
                "--spring.main.lazy-initialization=false", "--spring.boot.enableautoconfiguration=true");

        assertThat(asShipped.get("messages")).as("messages stored").hasSizeGreaterThan(40);
        assertThat(asShipped.get("activities")).as("timeline entries").isNotEmpty();
        assertThat(asShipped.get("~search")).as("messages searchable").containsExactly(
                String.valueOf(asShipped.get("messages").size()));
        assertThat(asShipped.keySet()).isEqualTo(everyBean.keySet());
        Map<String, String> differ = new TreeMap<>();
        asShipped.forEach((collection, docs) -> {
            List<String> other = everyBean.get(collection);
            if (!docs.equals(other)) {
                differ.put(collection, docs.size() + " against " + other.size() + " documents; only as shipped: "
                        + docs.stream().filter(d -> !other.contains(d)).limit(2).toList() + "; only with every bean: "
                        + other.stream().filter(d -> !docs.contains(d)).limit(2).toList());
            }
        });
        assertThat(differ).as("collections that differ").isEmpty();
    }

    /** A fresh store in {@code dir} with the rep the imports are for; the data directory's argument. */
    private static String addRep(Path dir) {
        String dataDir = "--genjin.store.data-dir=" + dir;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GenjinApplication.class)
                .web(WebApplicationType.NONE).run(dataDir, "--spring.main.banner-mode=off")) {
            context.getBean(CrmStore.class).users().create("Rep", List.of("rep@team.example"), Role.REP, null, null, "en");
        }
        return dataDir;
    }

    /** The store after an import, by collection: each document as JSON, ids and times blanked, sorted. */
    private Map<String, List<String>> importedInto(Path dir, Path mbox, String... more) throws Exception {
        String dataDir = addRep(dir);
        List<String> args = new ArrayList<>(List.of("import", "--mbox", mbox.toString(), "--owner", "rep@team.example", dataDir));
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(CommandLine.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
                .as(out.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, List<String>> stored = new TreeMap<>();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GenjinApplication.class)
                .web(WebApplicationType.NONE).run(dataDir, "--spring.main.banner-mode=off",
                        "--genjin.dropbox.enabled=false", "--genjin.relay.enabled=false")) {
            MongoOperations mongo = context.getBean(MongoOperations.class);
            for (String name : mongo.getCollectionNames()) {
                if (name.equals("shedLock")) {
                    continue; // which periodic task last ran, and when: timing, not data
                }
                List<String> docs = new ArrayList<>();
                mongo.getCollection(name).find().forEach(d -> {
                    if (BUCKET.matcher(String.valueOf(d.get("_id"))).matches()) {
                        d.put("_id", "bucket"); // a bucket chosen by a random id's hash
                    }
                    String json = RANDOM.matcher(d.toJson()).replaceAll("_");
                    // A day's versions count the listeners' rounds that changed it: how the events fell
                    // into rounds, which timing decides, not what was stored. Which ones exist is kept.
                    docs.add(name.equals("report_day_versions") ? json.replaceAll(": \\d+", ": _") : json);
                });
                docs.sort(null);
                stored.put(name, docs);
            }
        }
        try (Directory index = FSDirectory.open(dir.resolve("search")); DirectoryReader reader = DirectoryReader.open(index)) {
            stored.put("~search", List.of(String.valueOf(reader.numDocs())));
        }
        return stored;
    }

    /**
     * What differs between two runs: generated ids (ObjectIds, their hex, ids made of them), times, random
     * keys, their hashes and generations.
     */
    private static final Pattern RANDOM = Pattern.compile("\\{\"\\$oid\": \"[0-9a-f]{24}\"}|\\{\"\\$date\": [^}]*}"
            + "|(?<![0-9a-f])[0-9a-f]{24}(?![0-9a-f])|\\b[0-9a-f]{64}\\b|-?\\b\\d{12,}\\b|\\{\"\\$binary\": \\{[^}]*}}"
            + "|(?<=\"key\": )\"[^\"]*\"");
    /** The id of a bucket of ids (a number, or a day and a number), chosen by a random id's hash. */
    private static final Pattern BUCKET = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d:)?\\d{1,3}");

    /** Three customers' threads with the rep: inquiry, quotation with a PDF, answer, an out-of-office. */
    private static String conversations() {
        StringBuilder mbox = new StringBuilder();
        String[][] customers = {{"Ana Ruiz", "ana@andes-textil.example"}, {"Kenji Mori", "kenji@mori-trading.example"},
                {"Olu Bello", "olu@lagos-imports.example"}};
        for (int c = 0; c < customers.length; c++) {
            String name = customers[c][0];
            String address = customers[c][1];
            String inquiry = "<inq-" + c + "@" + address.substring(address.indexOf('@') + 1) + ">";
            String quote = "<quote-" + c + "@team.example>";
            mbox.append(message(name + " <" + address + ">", "Rep <rep@team.example>", "Inquiry: 2,000 m cotton twill", inquiry,
                    null, "Dear sir,\n\nplease quote 2,000 m of cotton twill, FOB Ningbo.\n\nBest regards,\n" + name + "\n"));
            mbox.append("From rep@team.example Tue Nov  3 09:00:00 2026\nFrom: Rep <rep@team.example>\nTo: " + name + " <"
                    + address + ">\nSubject: RE: Inquiry: 2,000 m cotton twill\nMessage-ID: " + quote + "\nIn-Reply-To: "
                    + inquiry + "\nDate: Tue, 3 Nov 2026 09:00:00 +0800\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/mixed; boundary=\"b" + c + "\"\n\n--b" + c + "\nContent-Type: text/plain; "
                    + "charset=utf-8\n\nDear " + name + ",\n\nplease find our quotation attached: USD 2.10/m, FOB Ningbo.\n\n"
                    + "On Mon, 2 Nov 2026, " + name + " wrote:\n> please quote 2,000 m of cotton twill\n\n--b" + c
                    + "\nContent-Type: application/pdf; name=\"Quotation-" + c + ".pdf\"\nContent-Disposition: attachment; "
                    + "filename=\"Quotation-" + c + ".pdf\"\nContent-Transfer-Encoding: base64\n\n"
                    + Base64.getMimeEncoder().encodeToString(("%PDF-1.4 quotation " + c).repeat(40).getBytes(StandardCharsets.US_ASCII))
                    .replace("\r\n", "\n") + "\n--b" + c + "--\n\n");
            mbox.append(message(name + " <" + address + ">", "Rep <rep@team.example>", "RE: Inquiry: 2,000 m cotton twill",
                    "<answer-" + c + "@" + address.substring(address.indexOf('@') + 1) + ">", quote,
                    "Thank you, the price is fine. Please send the proforma invoice.\n\n" + name + "\n"));
        }
        mbox.append(message("Kenji Mori <kenji@mori-trading.example>", "Rep <rep@team.example>",
                "Automatic reply: Inquiry", "<ooo@mori-trading.example>", "<quote-1@team.example>",
                "I am out of the office until 10 November with limited access to email.\n"));
        return mbox.toString();
    }

    private static String message(String from, String to, String subject, String id, String inReplyTo, String body) {
        return "From " + from.replaceAll(".*<|>", "") + " Mon Nov  2 10:00:00 2026\nFrom: " + from + "\nTo: " + to
                + "\nSubject: " + subject + "\nMessage-ID: " + id + (inReplyTo == null ? "" : "\nIn-Reply-To: " + inReplyTo)
                + "\nDate: Mon, 2 Nov 2026 10:00:00 +0800\n\n" + body + "\n";
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
