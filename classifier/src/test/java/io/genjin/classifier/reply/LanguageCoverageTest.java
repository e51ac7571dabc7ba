package io.genjin.classifier.reply;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the marker tables, written out the way its client writes it (random names, addresses
 * and dates from a seeded generator) inside a realistic reply or forward: the new part must come out
 * alone and a forwarded block must be found with its sender. A new language or client is one row.
 */
class LanguageCoverageTest {

    private static final MarkerTables TABLES = MarkerTables.get();
    private static final String[] FIRST = {"Anna", "Li", "Pedro", "Ömer", "Jürgen", "Marie-Claire", "Ивана", "王", "Søren", "Zoë"};
    private static final String[] LAST = {"Schmidt", "Wang", "García", "Yılmaz", "Kowalski", "Nguyen", "Петрова", "明", "Ødegaard", "Dubois"};
    private static final String[] DOMAINS = {"acme.de", "globex.com.cn", "initech.es", "umbrella.com.tr", "example.ru", "163.com"};
    private static final String OWN = "Thank you for the quotation. Please send the proforma invoice for 2,000 pcs.\n\nBest regards\nAnna";

    @TestFactory
    Stream<DynamicTest> quoteHeadersStripInEveryLanguageAndClient() {
        Random random = new Random(18);
        List<DynamicTest> tests = new ArrayList<>();
        for (MarkerTables.Row row : TABLES.quoteHeaders()) {
            String header = fill(row.get(2), random);
            // Without "> " marks, as an HTML reply reads once converted to text: only the header can end the new part.
            String body = "Hello,\n\n" + OWN + "\n\n" + header + "\n\nDear Anna,\nour price is USD 3.20/pc FOB Ningbo.\nRegards\n";
            tests.add(DynamicTest.dynamicTest(row.get(0) + " " + row.get(1) + ": " + header, () -> {
                Reply reply = new ReplyStripper().strip(body);
                assertThat(reply.textWithSignature()).isEqualTo("Hello,\n\n" + OWN);
                assertThat(reply.quoted()).contains("USD 3.20");
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> originalMessageBannersAndHeaderBlocksStrip() {
        Random random = new Random(19);
        List<DynamicTest> tests = new ArrayList<>();
        for (MarkerTables.Row row : TABLES.banners()) {
            if (!row.get(0).equals("original") && !row.get(0).equals("forward")) {
                continue;
            }
            String block = row.get(3) + "\n" + headerBlock(row.get(1), row.get(2), random) + "\n\nOur price is USD 3.20/pc.\n";
            String body = OWN + "\n\n" + block;
            tests.add(DynamicTest.dynamicTest(row.get(0) + " " + row.get(1) + " " + row.get(2) + ": " + row.get(3), () -> {
                assertThat(new ReplyStripper().strip(body).textWithSignature()).isEqualTo(OWN);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> headerBlocksWithoutBannerStripInEveryLanguage() {
        Random random = new Random(21);
        return TABLES.headerLabels().stream().map(row -> row.get(1)).filter(lang -> !lang.equals("*")).distinct()
                .map(lang -> {
                    String body = OWN + "\n\n" + headerBlock(lang, "outlook", random) + "\n\nOur price is USD 3.20/pc.\n";
                    return DynamicTest.dynamicTest(lang, () ->
                            assertThat(new ReplyStripper().strip(body).textWithSignature()).isEqualTo(OWN));
                });
    }

    @TestFactory
    Stream<DynamicTest> forwardBannersAreFoundWithTheirSender() {
        Random random = new Random(20);
        List<DynamicTest> tests = new ArrayList<>();
        for (MarkerTables.Row row : TABLES.banners()) {
            if (!row.get(0).equals("forward")) {
                continue;
            }
            String name = pick(FIRST, random) + " " + pick(LAST, random);
            String address = address(random);
            String block = headerBlock(row.get(1), row.get(2), random, name, address);
            String body = "FYI, see the buyer's request below.\n\n" + row.get(3) + "\n" + block + "\n\nPlease quote 500 sets.\n";
            tests.add(DynamicTest.dynamicTest(row.get(1) + " " + row.get(2) + ": " + row.get(3), () -> {
                Optional<Forwarded> forwarded = new ForwardParser().parse(body);
                assertThat(forwarded).isPresent();
                assertThat(forwarded.get().fromAddress()).isEqualTo(address);
                assertThat(forwarded.get().body()).isEqualTo("Please quote 500 sets.");
                assertThat(forwarded.get().message()).isEqualTo("FYI, see the buyer's request below.");
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> mobileFootersOpenTheSignature() {
        List<DynamicTest> tests = new ArrayList<>();
        for (MarkerTables.Row row : TABLES.signatures()) {
            if (!row.get(0).equals("mobile_footer")) {
                continue;
            }
            String footer = row.get(3).replace("{device}", "iPhone").replace("{app}", "K-9 Mail");
            tests.add(DynamicTest.dynamicTest(row.get(1) + " " + row.get(2) + ": " + footer, () -> {
                Reply reply = new ReplyStripper().strip("Please confirm the order.\n\n" + footer + "\n");
                assertThat(reply.text()).isEqualTo("Please confirm the order.");
                assertThat(reply.signature().text()).isEqualTo(footer);
            }));
        }
        return tests.stream();
    }

    /** A header block in the labels of the banner's language (its own client's when the table has them). */
    private static String headerBlock(String lang, String client, Random random) {
        return headerBlock(lang, client, random, pick(FIRST, random) + " " + pick(LAST, random), address(random));
    }

    private static String headerBlock(String lang, String client, Random random, String name, String address) {
        Map<String, String> labels = new java.util.HashMap<>();
        for (String pass : new String[]{client, "*any"}) {
            for (MarkerTables.Row row : TABLES.headerLabels()) {
                boolean sameLang = row.get(1).equals(lang) || lang.equals("*") && row.get(1).equals("en");
                if (sameLang && (pass.equals("*any") || row.get(2).equals(pass))) {
                    labels.putIfAbsent(row.get(0), row.get(3));
                }
            }
        }
        for (MarkerTables.Row row : TABLES.headerLabels()) {
            if (row.get(1).equals("en")) {
                labels.putIfAbsent(row.get(0), row.get(3));
            }
        }
        return labels.get("from") + ": " + name + " <" + address + ">\n"
                + labels.get("date") + ": " + date(random) + "\n"
                + labels.get("to") + ": " + pick(FIRST, random) + " <" + address(random) + ">\n"
                + labels.get("subject") + ": RFQ " + (1000 + random.nextInt(9000));
    }

    static String fill(String template, Random random) {
        String name = pick(FIRST, random) + " " + pick(LAST, random);
        String address = address(random);
        return template.replace("{sender}", random.nextBoolean() ? name + " <" + address + ">" : name)
                .replace("{name}", name).replace("{address}", address)
                .replace("{isodate}", String.format("%d-%02d-%02d %02d:%02d GMT+0%d:00", 2015 + random.nextInt(10),
                        1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(9)))
                .replace("{date}", date(random)).replace("{time}", String.format("%d:%02d", random.nextInt(24), random.nextInt(60)));
    }

    private static String date(Random random) {
        int day = 1 + random.nextInt(28);
        int month = 1 + random.nextInt(12);
        int year = 2015 + random.nextInt(10);
        String time = String.format("%02d:%02d", random.nextInt(24), random.nextInt(60));
        return switch (random.nextInt(4)) {
            case 0 -> String.format("%d/%d/%d %s", month, day, year, time);
            case 1 -> String.format("%d.%d.%d %s", day, month, year, time);
            case 2 -> String.format("%d-%02d-%02d %s", year, month, day, time);
            default -> String.format("%d年%d月%d日 %s", year, month, day, time);
        };
    }

    private static String address(Random random) {
        return (pick(FIRST, random).toLowerCase().replaceAll("[^a-z]", "") + "xyz").substring(0, 3) + random.nextInt(1000)
                + "@" + pick(DOMAINS, random);
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
