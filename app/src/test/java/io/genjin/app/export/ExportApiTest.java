package io.genjin.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.OnePass;
import io.genjin.store.audit.AuditEntry;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The exports over HTTP, read back as a spreadsheet program would: customers, contacts and orders
 * made through the API, each caller's scope, CSV quoting and formula neutralisation, CJK text, the
 * team's zone, file names and the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiTest {
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"Click\")";

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
        registry.add("genjin.ui.time-zone", () -> "Asia/Shanghai");
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    org.springframework.data.mongodb.core.MongoOperations mongo;

    private Http http;
    private final HttpClient client = HttpClient.newHttpClient();
    private Person rep1;
    private Person rep2;
    private Person manager;
    private Person otherRep;
    private String shanghai;
    private String rivals;

    @BeforeAll
    void seed() {
        http = new Http(port);
        Seed seed = new Seed(store);
        Team team = seed.team("Export team");
        Team other = seed.team("Other team");
        manager = seed.person("Export Manager", Role.MANAGER, team, null);
        rep1 = seed.person("Export Rep One", Role.REP, team, manager.user());
        rep2 = seed.person("Export Rep Two", Role.REP, team, manager.user());
        otherRep = seed.person("Other Rep", Role.REP, other, null);
        shanghai = create(rep1, Map.of("name", "上海进出口有限公司", "domains", List.of("sh-export.cn"), "country", "CN",
                "grade", "A", "stage", "QUOTED", "tags", List.of("展会", "VIP")));
        String tricky = create(rep1, Map.of("name", "Comma, \"Quoted\" & Sons", "domains", List.of("comma-sons.example")));
        create(rep1, Map.of("name", FORMULA, "domains", List.of("formula.example")));
        rivals = create(rep2, Map.of("name", "Rep Two Private Ltd", "domains", List.of("rep-two.example")));
        create(otherRep, Map.of("name", "Other Team Co", "domains", List.of("other-team.example")));
        store.companies().insert(Company.create(Ids.newId(), "Pool Lead GmbH", List.of("pool-lead.example"), null,
                store.clock().instant()));

        ok(http.post(rep1.token(), "/api/companies/" + shanghai + "/contacts", Map.of("name", "王经理",
                "addresses", List.of("wang@sh-export.cn"), "phones", List.of("+86 21 5555 0101"), "title", "采购经理",
                "weChat", "wang_sh")));
        ok(http.post(rep1.token(), "/api/companies/" + tricky + "/contacts", Map.of("name", "@SUM(A1)",
                "addresses", List.of("sum@comma-sons.example"), "title", "Buyer, \"senior\"")));
        ok(http.post(rep2.token(), "/api/companies/" + rivals + "/contacts", Map.of("name", "Secret Buyer",
                "addresses", List.of("secret@rep-two.example"))));
        // 20:30 UTC on 1 March is already 2 March in Shanghai.
        ok(http.post(rep1.token(), "/api/companies/" + shanghai + "/orders", Map.of("number", "PO-2026-001",
                "orderedAt", "2026-03-01T20:30:00Z", "currency", "USD", "amount", "12500.50", "status", "DEPOSIT_RECEIVED",
                "items", List.of(Map.of("description", "M8 螺栓", "quantity", "20000", "unitPrice", "0.05")))));
        ok(http.post(rep2.token(), "/api/companies/" + rivals + "/orders", Map.of("number", "PO-SECRET",
                "currency", "EUR", "amount", "99")));
    }

    @Test
    void aRepExportsTheirOwnCustomersAndThePoolAsCsvThatExcelReadsBack() throws IOException {
        Download csv = get(rep1, "/api/export/customers.csv?lang=en");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.disposition()).startsWith("attachment; filename=\"customers-").endsWith(".csv");
        assertThat(csv.body()).startsWith(0xEF, 0xBB, 0xBF);

        List<CSVRecord> records = csv.records();
        assertThat(records.get(0).toList()).startsWith("Customer", "Domains", "Country", "Industry", "Grade", "Stage", "Owner");
        List<String> names = records.stream().skip(1).map(r -> r.get(0)).toList();
        assertThat(names).containsExactlyInAnyOrder("上海进出口有限公司", "Comma, \"Quoted\" & Sons", "'" + FORMULA,
                "Pool Lead GmbH");
        CSVRecord shanghaiRow = records.stream().filter(r -> r.get(0).equals("上海进出口有限公司")).findFirst().orElseThrow();
        assertThat(shanghaiRow.get(5)).isEqualTo("Quoted");
        assertThat(shanghaiRow.get(6)).isEqualTo("Export Rep One");
        assertThat(shanghaiRow.get(7)).isEqualTo("VIP\n展会");
        assertThat(records.stream().filter(r -> r.get(0).equals("Pool Lead GmbH")).findFirst().orElseThrow().get(6))
                .isEqualTo("Public pool");
        // RFC 4180 on the wire: the name with a comma and quotes is quoted, its quotes doubled.
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("\"Comma, \"\"Quoted\"\" & Sons\"").contains("\r\n");
    }

    @Test
    void aRepCannotExportAnotherRepsCustomersNorNameOneOfThem() throws IOException {
        assertThat(get(rep1, "/api/export/customers.csv").text()).doesNotContain("Rep Two Private", "Other Team");
        assertThat(get(rep1, "/api/export/contacts.csv").text()).doesNotContain("Secret Buyer");
        assertThat(get(rep1, "/api/export/orders.xlsx").rows().stream().map(r -> r.getCellText(1)))
                .contains("PO-2026-001").doesNotContain("PO-SECRET");
        Download hidden = get(rep1, "/api/export/orders.csv?company=" + rivals);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.contentType()).startsWith("application/problem+json");
        assertThat(get(otherRep, "/api/export/customers.csv").text()).contains("Other Team Co", "Pool Lead")
                .doesNotContain("上海进出口");
    }

    @Test
    void aManagerExportsTheTeamAndAnAdminEverything() throws IOException {
        assertThat(get(manager, "/api/export/customers.csv").text()).contains("上海进出口", "Rep Two Private", "Pool Lead")
                .doesNotContain("Other Team Co");
        Download all = getAsAdmin("/api/export/contacts.csv");
        assertThat(all.text()).contains("王经理", "Secret Buyer");
    }

    @Test
    void xlsxKeepsTextAsTextAndNumbersAndDatesTypedInTheTeamsZoneWithChineseHeaders() throws IOException {
        Download xlsx = get(rep1, "/api/export/orders.xlsx?lang=zh-CN");
        assertThat(xlsx.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.disposition()).contains("filename*=UTF-8''%E8%AE%A2%E5%8D%95-").endsWith(".xlsx");
        List<Row> rows = xlsx.rows();
        assertThat(rows.get(0).getCellText(0)).isEqualTo("客户");
        assertThat(rows.get(0).getCellText(1)).isEqualTo("编号");
        Row order = rows.stream().filter(r -> "PO-2026-001".equals(r.getCellText(1))).findFirst().orElseThrow();
        assertThat(order.getCellText(0)).isEqualTo("上海进出口有限公司");
        assertThat(order.getCellText(2)).isEqualTo("已收定金");
        assertThat(order.getCellAsDate(3)).contains(LocalDateTime.of(2026, 3, 2, 0, 0));
        assertThat(order.getCellText(4)).isEqualTo("USD");
        assertThat(order.getCellAsNumber(5)).contains(new BigDecimal("12500.50"));
        assertThat(order.getCellText(6)).isEqualTo("M8 螺栓 × 20000 @ 0.05");

        List<Row> customers = get(rep1, "/api/export/customers.xlsx").rows();
        Row formula = customers.stream().filter(r -> FORMULA.equals(r.getCellText(0))).findFirst().orElseThrow();
        assertThat(formula.getCell(0).getFormula()).isNull();
    }

    @Test
    void contactsFollowTheCustomerListsFiltersAndAreNeutralisedInCsv() throws IOException {
        List<CSVRecord> records = get(rep1, "/api/export/contacts.csv?lang=en&q=comma").records();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).toList()).startsWith("Comma, \"Quoted\" & Sons", "'@SUM(A1)", "sum@comma-sons.example", "",
                "Buyer, \"senior\"");
        List<CSVRecord> chinese = get(rep1, "/api/export/contacts.csv?lang=zh-CN&company=" + shanghai).records();
        assertThat(chinese.get(0).get(1)).isEqualTo("联系人");
        assertThat(chinese.get(1).toList()).startsWith("上海进出口有限公司", "王经理", "wang@sh-export.cn", "'+86 21 5555 0101",
                "采购经理");
        assertThat(get(rep1, "/api/export/contacts.csv?archived=true").records()).hasSize(1);
    }

    @Test
    void everyExportIsAudited() throws IOException {
        get(rep2, "/api/export/customers.xlsx?q=private");
        List<AuditEntry> entries = store.audit().about("export", "customers");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.actorId()).isEqualTo(rep2.id());
            assertThat(e.action()).isEqualTo("export.customers");
            assertThat(e.details()).containsEntry("format", "xlsx").containsEntry("q", "private")
                    .containsEntry("rows", "1").containsEntry("complete", "true");
        });
    }

    @Test
    void anUnknownFormatIsNotFound() {
        assertThat(get(rep1, "/api/export/customers.xls").status()).isEqualTo(404);
    }

    /** More customers than one page of the store's pass: each comes exactly once. */
    @Test
    void aLongListIsReadPageByPageWithEveryCustomerOnce() throws IOException {
        Person bulk = new Seed(store).person("Bulk Rep", Role.REP, null, null);
        int count = OnePass.PAGE * 2 + 137;
        var now = store.clock().instant();
        List<Company> companies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            companies.add(Company.create(Ids.newId(), "Bulk " + i, List.of(), bulk.id(), now));
        }
        mongo.insert(companies, Company.class);
        List<CSVRecord> records = get(bulk, "/api/export/customers.csv?q=bulk").records();
        List<String> names = new ArrayList<>(records.stream().skip(1).map(r -> r.get(0)).toList());
        assertThat(names).hasSize(count);
        assertThat(new HashSet<>(names)).hasSize(count);
    }

    private String create(Person owner, Map<String, Object> body) {
        Http.Reply reply = http.post(owner.token(), "/api/companies", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("id").asString();
    }

    private static void ok(Http.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isBetween(200, 299);
    }

    private Download get(Person person, String path) {
        return get(person.token(), path);
    }

    private Download getAsAdmin(String path) {
        return get(AppTest.ADMIN_TOKEN, path);
    }

    private Download get(String token, String path) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
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
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<CSVRecord> records() throws IOException {
            assertThat(status).as(text()).isEqualTo(200);
            return CSVFormat.RFC4180.builder().get().parse(new InputStreamReader(
                    new ByteArrayInputStream(body, 3, body.length - 3), StandardCharsets.UTF_8)).getRecords();
        }

        List<Row> rows() throws IOException {
            assertThat(status).as(text()).isEqualTo(200);
            try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(body));
                    Stream<Row> rows = book.getFirstSheet().openStream()) {
                return rows.toList();
            }
        }
    }
}
