package io.genjin.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.audit.AuditEntry;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The report exports over HTTP, read back as a spreadsheet program would, against the JSON answers
 * for the same parameters: mail through the ingestion pipeline, customers, stage moves, tasks and
 * orders through the API. Every number in a file is the JSON's; each caller's scope is the API's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "genjin.reports.customer-cache=0s")
@DirtiesContext
class ReportExportApiTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    IngestionPipeline pipeline;
    @Autowired
    MessageSource messages;

    private final HttpClient client = HttpClient.newHttpClient();
    private Http http;
    private Person manager;
    private Person rep;
    private Person teammate;
    private Person other;
    private Team team;
    private String tag;
    private String acme;
    private String beta;
    private String gamma;
    private String query;
    private Instant day0;

    @BeforeEach
    void world() {
        http = new Http(port);
        Seed seed = new Seed(store);
        tag = Long.toString(System.nanoTime(), 36);
        team = seed.team("Export report team " + tag);
        Team team2 = seed.team("Other team " + tag);
        manager = seed.person("Mia Manager " + tag, Role.MANAGER, team, null);
        rep = seed.person("Ann Rep " + tag, Role.REP, team, manager.user());
        teammate = seed.person("Bob Teammate " + tag, Role.REP, team, manager.user());
        other = seed.person("Olga Other " + tag, Role.REP, team2, null);
        acme = customer(rep, "Acme, \"Lights\" " + tag, "acme-" + tag + ".example", "A", "DE");
        beta = customer(teammate, "北京贝塔 " + tag, "beta-" + tag + ".example", "C", "US");
        gamma = customer(rep, "=Gamma " + tag, "gamma-" + tag + ".example", "A", "FR");
        LocalDate today = LocalDate.now(ZONE);
        day0 = today.minusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(Duration.ofHours(8));
        query = "period=custom&from=" + today.minusDays(6) + "&to=" + today + "&team=" + team.id();

        mail("a1", "buyer@acme-" + tag + ".example", rep, day0, "Question", "Do you make LED panels?");
        mail("a2", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofHours(2)), "Re: Question", "Yes.");
        mail("a3", "buyer@acme-" + tag + ".example", rep, day0.plus(Duration.ofDays(1)), "=Order", "100 pcs.");
        mail("b1", "buyer@beta-" + tag + ".example", teammate, day0.plus(Duration.ofHours(1)), "你好", "目录");
        mail("i1", rep, teammate.user().addresses().get(0), day0.plus(Duration.ofHours(3)), "Beta", "Call Beta?");
        mail("g1", "buyer@gamma-" + tag + ".example", rep, day0.minus(Duration.ofDays(37)), "Old", "Hello");
        http.post(rep.token(), "/api/companies/" + acme + "/tasks",
                Map.of("title", "Call Acme", "dueAt", Instant.now().minus(Duration.ofMinutes(5)).toString()));
        assertThat(http.send(rep.token(), "PUT", "/api/companies/" + acme + "/stage", Map.of("stage", "QUOTED")).status())
                .isEqualTo(200);
        order(acme, "PI-1", "USD", 1000);
        order(acme, "PI-2", "USD", 500);
        order(beta, "PI-3", "USD", 100);
        store.companies().insert(Company.create(Ids.newId(), "Pool Lead " + tag, List.of("pool-" + tag + ".example"), null,
                store.clock().instant()));
    }

    @Test
    void theActivityFileHoldsTheJsonFiguresPerRepAndForTheTeamWithThePreviousPeriodBeside() throws IOException {
        JsonNode json = json(manager, "/api/reports/activity?" + query);

        Download csv = get(manager, "/api/reports/activity.csv?" + query);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith(0xEF, 0xBB, 0xBF);
        String period = json.get("period").get("from").asString() + "_" + json.get("period").get("to").asString();
        assertThat(csv.fileName()).isEqualTo("activity-" + period + ".csv");
        List<List<String>> rows = csv.records();
        List<String> header = rows.get(0);
        assertThat(header.get(0)).isEqualTo("Rep");
        assertThat(header).contains("Emails sent", "Emails sent (previous period)", "Inquiries answered within 24 h");
        assertThat(rows).hasSize(1 + json.get("reps").size() + 1);
        figuresMatch(header, rows.subList(1, rows.size()), json, Locale.ENGLISH);

        // XLSX: the same figures as numbers, and the days on a second sheet.
        Download xlsx = get(manager, "/api/reports/activity.xlsx?" + query);
        assertThat(xlsx.fileName()).isEqualTo("activity-" + period + ".xlsx");
        List<List<List<String>>> sheets = xlsx.sheets();
        assertThat(sheets).hasSize(2);
        assertThat(sheets.get(0)).isEqualTo(rows);
        List<List<String>> daily = sheets.get(1);
        assertThat(daily).hasSize(1 + 7);
        for (int i = 0; i < 7; i++) {
            JsonNode day = json.get("daily").get(i);
            assertThat(daily.get(i + 1)).containsExactly(day.get("date").asString(), day.get("sent").asString(),
                    day.get("received").asString(), day.get("quotationsSent").asString());
        }
        assertThat(get(manager, "/api/reports/activity.csv?" + query + "&part=daily").records()).isEqualTo(daily);

        // In Chinese: the headers, the total's name and the file name.
        Download zh = get(manager, "/api/reports/activity.csv?" + query + "&lang=zh-CN");
        List<List<String>> zhRows = zh.records();
        assertThat(zhRows.get(0).get(1)).isEqualTo(messages.getMessage("reports.figure.sent.total", null, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("发送邮件");
        assertThat(zhRows.get(0)).contains("发送邮件（上期）");
        assertThat(zhRows.get(zhRows.size() - 1).get(0)).isEqualTo("合计");
        assertThat(zh.fileName()).isEqualTo("活动报表-" + period + ".csv");
        figuresMatch(zhRows.get(0), zhRows.subList(1, zhRows.size()), json, Locale.SIMPLIFIED_CHINESE);

        // A filter is the API's: grade A keeps Acme's mail only.
        JsonNode gradeA = json(manager, "/api/reports/activity?" + query + "&grade=A");
        List<List<String>> filtered = get(manager, "/api/reports/activity.csv?" + query + "&grade=A").records();
        figuresMatch(filtered.get(0), filtered.subList(1, filtered.size()), gradeA, Locale.ENGLISH);

        assertThat(store.audit().about("report", "activity")).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("export.report.activity");
            assertThat(e.actorId()).isEqualTo(manager.id());
        });
    }

    @Test
    void funnelCoverageAndRfmFilesHoldTheJsonFiguresAndTheWholeLists() throws IOException {
        JsonNode funnel = json(manager, "/api/reports/funnel?" + query);
        List<List<String>> stages = get(manager, "/api/reports/funnel.csv?" + query).records();
        assertThat(stages).hasSize(1 + 6);
        for (int i = 0; i < 6; i++) {
            JsonNode s = funnel.get("stages").get(i);
            assertThat(stages.get(i + 1)).containsExactly(
                    messages.getMessage("stage." + s.get("stage").asString().toUpperCase(Locale.ROOT), null, Locale.ENGLISH),
                    s.get("reached").asString(), number(s.get("conversion")), number(s.get("medianDaysInStage")),
                    s.get("stage").asString());
        }
        assertThat(get(manager, "/api/reports/funnel.xlsx?" + query).sheets()).containsExactly(stages);

        JsonNode coverage = json(manager, "/api/reports/coverage?" + query);
        List<List<List<String>>> sheets = get(manager, "/api/reports/coverage.xlsx?" + query).sheets();
        assertThat(sheets).hasSize(3);
        List<List<String>> reps = sheets.get(0);
        assertThat(reps).hasSize(1 + coverage.get("reps").size());
        for (int i = 0; i < coverage.get("reps").size(); i++) {
            JsonNode r = coverage.get("reps").get(i);
            assertThat(reps.get(i + 1)).containsExactly(r.get("name").asString(), r.get("abCustomers").asString(),
                    r.get("twoWay").asString(), number(r.get("coverage")), r.get("userId").asString());
        }
        JsonNode bands = coverage.get("silent");
        int silentCount = bands.get("d30").asInt() + bands.get("d60").asInt() + bands.get("d90").asInt();
        List<List<String>> silent = sheets.get(1);
        assertThat(silent).hasSize(1 + silentCount);
        assertThat(silentCount).isGreaterThanOrEqualTo(1);
        assertThat(silent.get(1).get(0)).isEqualTo("=Gamma " + tag);
        assertThat(silent.get(1).get(5)).isEqualTo(gamma);
        assertThat(sheets.get(2)).hasSize(1 + coverage.get("publicPool").asInt());
        assertThat(sheets.get(2).stream().map(r -> r.get(0))).contains("Pool Lead " + tag);
        List<List<String>> silentCsv = get(manager, "/api/reports/coverage.csv?" + query + "&part=silent").records();
        assertThat(silentCsv.get(1).get(0)).as("a formula is text in CSV").isEqualTo("'=Gamma " + tag);
        assertThat(get(manager, "/api/reports/coverage.csv?" + query + "&part=silent").fileName())
                .startsWith("coverage-silent-");

        String rfmQuery = "team=" + team.id();
        JsonNode rfm = json(manager, "/api/reports/rfm?" + rfmQuery);
        Download rfmFile = get(manager, "/api/reports/rfm.xlsx?" + rfmQuery);
        LocalDate date = LocalDate.parse(rfm.get("date").asString());
        assertThat(rfmFile.fileName()).isEqualTo("rfm-" + date.minusDays(364) + "_" + date + ".xlsx");
        List<List<List<String>>> rfmSheets = rfmFile.sheets();
        assertThat(rfmSheets.get(0)).hasSize(1 + 8);
        for (int i = 0; i < 8; i++) {
            JsonNode s = rfm.get("segments").get(i);
            assertThat(rfmSheets.get(0).get(i + 1)).containsExactly(s.get("labelEn").asString(),
                    s.get("customers").asString(), number(s.get("monetary")), "USD", s.get("segment").asString());
        }
        assertThat(rfmSheets.get(1)).hasSize(1 + rfm.get("countries").size());
        JsonNode de = rfm.get("countries").get(0);
        assertThat(rfmSheets.get(1).get(1)).containsExactly("DE", de.get("customers").asString(),
                de.get("orders").asString(), number(de.get("amount")), "USD");
        List<List<String>> zhSegments = get(manager, "/api/reports/rfm.csv?" + rfmQuery + "&lang=zh-CN").records();
        assertThat(zhSegments.get(1).get(0)).isEqualTo("重要价值客户");
    }

    @Test
    void theItemsFileHoldsEveryItemBehindAFigureInTheDrillDownsOrder() throws IOException {
        for (String figure : List.of("received.total", "sent.total", "customersTouched", "tasks.due",
                "firstResponse.unanswered", "coverage.silent", "funnel.lead", "rfm.IMPORTANT_VALUE")) {
            String q = (figure.startsWith("rfm.") ? "team=" + team.id() : query) + "&figure=" + figure;
            JsonNode json = json(manager, "/api/reports/items?" + q + "&limit=500");
            List<List<String>> rows = get(manager, "/api/reports/items.csv?" + q + "&limit=1").records();
            assertThat(rows).as(figure).hasSize(1 + json.get("count").asInt());
            List<String> ids = rows.stream().skip(1).map(r -> r.get(r.size() - 1)).toList();
            List<String> expected = new ArrayList<>();
            json.get("items").forEach(i -> expected.add(i.get("id").asString()));
            assertThat(ids).as(figure).isEqualTo(expected);
        }
        List<List<String>> received = get(manager, "/api/reports/items.xlsx?" + query + "&figure=received.total").sheets().get(0);
        assertThat(received.get(0)).startsWith("Kind", "When", "What", "Customer", "Rep");
        assertThat(received.stream().map(r -> r.get(2))).contains("=Order", "你好");
        assertThat(get(manager, "/api/reports/items.csv?" + query + "&figure=received.total&side=previous").fileName())
                .isEqualTo("report-items-received.total-" + LocalDate.now(ZONE).minusDays(13) + "_"
                        + LocalDate.now(ZONE).minusDays(7) + ".csv");
    }

    @Test
    void eachCallerExportsOnlyTheirScopeAndBadRequestsAreProblems() throws IOException {
        LocalDate today = LocalDate.now(ZONE);
        String mine = "period=custom&from=" + today.minusDays(6) + "&to=" + today;
        List<List<String>> own = get(rep, "/api/reports/activity.csv?" + mine).records();
        assertThat(own).hasSize(1 + 1 + 1);
        assertThat(own.get(1).get(0)).isEqualTo(rep.user().name());
        for (String format : List.of("csv", "xlsx")) {
            for (String report : List.of("activity", "funnel", "coverage", "rfm")) {
                Download denied = get(rep, "/api/reports/" + report + "." + format + "?team=" + team.id());
                assertThat(denied.status()).as(report + "." + format).isEqualTo(403);
                assertThat(denied.contentType()).startsWith("application/problem+json");
                assertThat(get(other, "/api/reports/" + report + "." + format + "?rep=" + rep.id()).status()).isEqualTo(403);
            }
            assertThat(get(rep, "/api/reports/items." + format + "?figure=sent.total&rep=" + teammate.id()).status())
                    .isEqualTo(403);
            assertThat(get(manager, "/api/reports/items." + format + "?figure=sent.total&team=" + team.id()).status())
                    .isEqualTo(200);
        }
        assertThat(get(manager, "/api/reports/activity.pdf?" + query).status()).isEqualTo(404);
        for (String bad : List.of("activity.csv?part=nonsense", "activity.csv?grade=E", "activity.xlsx?period=year",
                "items.csv?figure=nonsense", "items.csv?figure=sent.total&side=later", "rfm.csv?window=0")) {
            Download reply = get(rep, "/api/reports/" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.contentType()).as(bad).startsWith("application/problem+json");
        }
    }

    // ------------------------------------------------------------------

    /** Each row's figures (a rep, then the total) are the JSON's, this period and the previous one. */
    private void figuresMatch(List<String> header, List<List<String>> rows, JsonNode json, Locale locale) {
        List<JsonNode> reps = new ArrayList<>();
        json.get("reps").forEach(reps::add);
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            boolean total = r == rows.size() - 1;
            JsonNode current = total ? json.get("total") : reps.get(r).get("current");
            JsonNode previous = total ? json.get("totalPrevious") : reps.get(r).get("previous");
            assertThat(row.get(0)).isEqualTo(total ? messages.getMessage("export.report.total", null, locale)
                    : reps.get(r).get("name").asString());
            assertThat(row.get(row.size() - 1)).isEqualTo(total ? "" : reps.get(r).get("userId").asString());
            int checked = 0;
            for (String path : ReportTables.figurePaths()) {
                String label = messages.getMessage("reports.figure." + path, null, locale);
                int column = header.indexOf(label);
                assertThat(column).as(label).isPositive();
                assertThat(row.get(column)).as(path).isEqualTo(number(at(current, path)));
                assertThat(header.get(column + 1)).startsWith(label);
                assertThat(row.get(column + 1)).as(path + " previous").isEqualTo(number(at(previous, path)));
                checked++;
            }
            assertThat(checked).isEqualTo(27);
        }
    }

    private static JsonNode at(JsonNode node, String path) {
        for (String part : path.split("\\.")) {
            node = node.get(part);
        }
        return node;
    }

    /** A JSON number as the file writes it: a count as is, a fraction or minutes unrounded, nothing as empty. */
    private static String number(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isIntegralNumber()) {
            return value.asString();
        }
        return BigDecimal.valueOf(value.asDouble()).toPlainString();
    }

    private JsonNode json(Person who, String path) {
        Http.Reply reply = http.get(who.token(), path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private Download get(Person who, String path) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + who.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Content-Disposition").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Download(int status, String contentType, String disposition, byte[] body) {
        String fileName() {
            int at = disposition.indexOf("filename*=UTF-8''");
            assertThat(at).as(disposition).isNotNegative();
            return URLDecoder.decode(disposition.substring(at + "filename*=UTF-8''".length()), StandardCharsets.UTF_8);
        }

        /** Rows of text as a spreadsheet shows them; the byte order mark checked and skipped. */
        List<List<String>> records() throws IOException {
            assertThat(status).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
            List<List<String>> out = new ArrayList<>();
            for (CSVRecord r : CSVFormat.RFC4180.builder().get().parse(new InputStreamReader(
                    new ByteArrayInputStream(body, 3, body.length - 3), StandardCharsets.UTF_8)).getRecords()) {
                out.add(r.toList());
            }
            return out;
        }

        /** Each sheet's rows as text: numbers without trailing zeros, days as yyyy-MM-dd, as the CSV has them. */
        List<List<List<String>>> sheets() throws IOException {
            assertThat(status).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(200);
            List<List<List<String>>> out = new ArrayList<>();
            try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(body),
                    new org.dhatim.fastexcel.reader.ReadingOptions(true, false))) {
                for (Sheet sheet : book.getSheets().toList()) {
                    try (Stream<Row> rows = sheet.openStream()) {
                        List<List<String>> table = new ArrayList<>();
                        rows.forEach(row -> {
                            List<String> cells = new ArrayList<>();
                            for (int c = 0; c < row.getCellCount(); c++) {
                                cells.add(text(row.getCell(c)));
                            }
                            table.add(cells);
                        });
                        int width = table.isEmpty() ? 0 : table.get(0).size();
                        table.forEach(r -> {
                            while (r.size() < width) {
                                r.add("");
                            }
                        });
                        out.add(table);
                    }
                }
            }
            return out;
        }

        private static String text(Cell cell) {
            if (cell == null) {
                return "";
            }
            return switch (cell.getType()) {
                case NUMBER -> cell.getDataFormatId() != null && cell.getDataFormatString() != null
                        && cell.getDataFormatString().startsWith("yyyy")
                        ? cell.asDate().toLocalDate().toString() : cell.asNumber().toPlainString();
                case EMPTY -> "";
                default -> cell.getText();
            };
        }
    }

    private void order(String companyId, String number, String currency, int amount) {
        Http.Reply reply = http.post(manager.token(), "/api/companies/" + companyId + "/orders", Map.of(
                "number", number + "-" + tag, "currency", currency, "amount", amount, "orderedAt", day0.toString(),
                "status", "DEPOSIT_RECEIVED"));
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
    }

    private String customer(Person owner, String name, String domain, String grade, String country) {
        JsonNode company = http.post(owner.token(), "/api/companies", Map.of("name", name, "domains", List.of(domain),
                "grade", grade, "country", country)).json();
        String id = company.get("id").asString();
        assertThat(http.post(owner.token(), "/api/companies/" + id + "/contacts", Map.of("name", "Buyer",
                "addresses", List.of("buyer@" + domain))).status()).isEqualTo(201);
        return id;
    }

    private IngestResult mail(String id, String from, Person to, Instant at, String subject, String body) {
        return ingest(id, from, to.user().addresses().get(0), to, at, subject, body);
    }

    private IngestResult mail(String id, Person from, String to, Instant at, String subject, String body) {
        return ingest(id, from.user().addresses().get(0), to, from, at, subject, body);
    }

    private IngestResult ingest(String id, String from, String to, Person mailbox, Instant at, String subject, String body) {
        String raw = """
                Message-ID: <%s-%s@mail.example>
                Date: %s
                From: <%s>
                To: <%s>
                Subject: =?UTF-8?B?%s?=
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(id, tag, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)
                        .format(ZonedDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), java.time.ZoneOffset.UTC)),
                from, to, java.util.Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)), body);
        IngestResult result = pipeline.ingest(RawMail.of(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(mailbox.id(), "report-export-test"));
        assertThat(result.outcome()).isIn(IngestResult.Outcome.STORED, IngestResult.Outcome.DUPLICATE);
        return result;
    }
}
