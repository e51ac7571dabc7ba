package io.genjin.app.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.CompanyName;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.order.Order;
import io.genjin.store.user.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Imports through the API with real files made in the test: an XLSX of customers and orders, CSV in
 * GBK, UTF-8 with a BOM and UTF-16 "Unicode text", Outlook's and Foxmail's contact exports, vCard 3
 * and 4; the preview's duplicates, 撞客 and rejected rows; the run; running the same file again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.dropbox.enabled=false", "genjin.imports.max-size=256KB"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportApiTest {
    private static final Charset GBK = Charset.forName("GBK");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;

    private Http http;
    private Seed seed;
    private Person rep;
    private Person otherRep;
    private Person manager;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        http = new Http(port);
        seed = new Seed(store);
        var team = seed.team("Import A");
        manager = seed.person("Import Manager", Role.MANAGER, team, null);
        rep = seed.person("Import Rep", Role.REP, team, manager.user());
        otherRep = seed.person("Other Rep", Role.REP, seed.team("Import B"), null);
    }

    @Test
    void anXlsxOfCustomersAndOrdersIsPreviewedImportedAndImportedAgainWithoutDuplicates() throws Exception {
        Company mine = seed.customer("Hamburg Fittings GmbH", "hamburg-fittings.de", rep.user()).company();
        Company theirs = seed.customer("Dubai Pipes LLC", "dubai-pipes.ae", otherRep.user()).company();
        byte[] xlsx = ImportFiles.xlsx(List.of("公司名称", "国家", "联系人", "邮箱", "电话", "等级", "阶段", "订单号", "金额", "币种", "下单日期"),
                List.of(List.of("Lagos Lighting Ltd", "Nigeria", "Ade Okafor", "ade@lagoslighting.com.ng", "+234 1 555", "A", "询盘",
                                "PI-1001", 1200.5, "USD", LocalDate.of(2025, 3, 7)),
                        List.of("Lagos Lighting Ltd", "", "", "", "", "", "", "PI-1002", "$2,000", "", "2025/4/1"),
                        List.of("Hamburg Fittings", "Germany", "Jonas", "jonas@hamburg-fittings.de", "", "B", "", "", "", "", ""),
                        List.of("Dubai Pipes", "", "", "sales@dubai-pipes.ae", "", "", "", "", "", "", ""),
                        List.of("Bad Mail Co", "", "", "not-an-address", "", "", "", "", "", "", ""),
                        List.of("", "", "Someone", "someone@gmail.com", "", "", "", "", "", "", ""),
                        List.of("Grade E Ltd", "", "", "", "", "E", "", "", "", "", ""),
                        List.of("Amount Ltd", "", "", "", "", "", "", "PI-9", "abc", "USD", "")));

        JsonNode uploaded = upload(rep, "客户.xlsx", xlsx, null);
        String id = uploaded.get("job").get("id").asString();
        assertThat(uploaded.get("job").get("format").asString()).isEqualTo("XLSX");
        assertThat(fields(uploaded)).containsEntry("公司名称", "COMPANY").containsEntry("邮箱", "EMAIL")
                .containsEntry("下单日期", "ORDER_DATE").containsEntry("金额", "AMOUNT");
        assertThat(uploaded.get("sample")).hasSize(8);

        JsonNode preview = ok(http.post(rep.token(), "/api/imports/" + id + "/preview", null)).get("preview");
        assertThat(preview.get("outcomes").get("CREATE").asLong()).isEqualTo(1);
        assertThat(preview.get("outcomes").get("UPDATE").asLong()).isEqualTo(2);
        assertThat(preview.get("outcomes").get("CONFLICT").asLong()).isEqualTo(1);
        assertThat(preview.get("outcomes").get("REJECT").asLong()).isEqualTo(4);
        assertThat(preview.get("reasons").get("bad-email").asLong()).isEqualTo(1);
        assertThat(preview.get("reasons").get("missing-name").asLong()).isEqualTo(1);
        assertThat(preview.get("reasons").get("unknown-grade").asLong()).isEqualTo(1);
        assertThat(preview.get("reasons").get("bad-amount").asLong()).isEqualTo(1);
        assertThat(store.companies().byNormalizedName(CompanyName.normalize("Lagos Lighting Ltd"))).as("a preview writes nothing").isEmpty();
        assertThat(store.conflicts().ofCompany(theirs.id())).isEmpty();

        JsonNode result = run(rep, id);
        assertThat(result.get("outcomes").get("CREATE").asLong()).isEqualTo(1);
        assertThat(result.get("outcomes").get("CONFLICT").asLong()).isEqualTo(1);
        assertThat(result.get("orders").asLong()).isEqualTo(2);
        Company lagos = store.companies().byNormalizedName(CompanyName.normalize("Lagos Lighting Ltd")).get(0);
        assertThat(lagos.ownerId()).isEqualTo(rep.id());
        assertThat(lagos.domains()).containsExactly("lagoslighting.com.ng");
        assertThat(lagos.grade()).isEqualTo(Grade.A);
        assertThat(lagos.stage()).isEqualTo(Stage.INQUIRY);
        assertThat(lagos.country()).isEqualTo("Nigeria");
        assertThat(store.contacts().ofCompany(lagos.id())).extracting(Contact::name).containsExactly("Ade Okafor");
        assertThat(store.orders().ofCompany(lagos.id())).extracting(Order::number, o -> o.amount().toPlainString(), Order::currency)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("PI-1001", "1200.5", "USD"),
                        org.assertj.core.groups.Tuple.tuple("PI-1002", "2000", "USD"));
        assertThat(store.orders().ofCompany(lagos.id())).filteredOn(o -> o.number().equals("PI-1001"))
                .extracting(o -> o.orderedAt().toString()).containsExactly("2025-03-07T00:00:00Z");
        assertThat(store.timeline().page(lagos.id(), null, null, 50).items()).extracting(a -> a.type().name()).contains("ORDER");
        assertThat(store.companies().get(mine.id()).grade()).isEqualTo(Grade.B);
        assertThat(store.companies().get(mine.id()).country()).isEqualTo("Germany");
        assertThat(store.contacts().ofCompany(mine.id())).extracting(Contact::name).contains("Jonas");
        assertThat(store.conflicts().ofCompany(theirs.id())).singleElement()
                .satisfies(c -> assertThat(c.claimantId()).isEqualTo(rep.id()));
        assertThat(store.companies().get(theirs.id()).ownerId()).as("an import never re-owns").isEqualTo(otherRep.id());

        String rejected = download(rep, "/api/imports/" + id + "/rejected.csv");
        assertThat(rejected).startsWith("\uFEFF公司名称").contains("Not an email address", "not-an-address", "Grade is not A, B, C or D",
                "Not an amount").hasLineCount(5);

        // The same file again: everything is found, nothing doubles.
        long companies = store.companies().streamLive("id", "dormant").count();
        String again = upload(rep, "客户.xlsx", xlsx, null).get("job").get("id").asString();
        JsonNode second = run(rep, again);
        assertThat(second.get("outcomes").get("CREATE").asLong()).isZero();
        assertThat(second.get("orders").asLong()).isZero();
        assertThat(second.get("contacts").asLong()).isZero();
        assertThat(store.companies().streamLive("id", "dormant").count()).isEqualTo(companies);
        assertThat(store.orders().ofCompany(lagos.id())).hasSize(2);
        assertThat(store.conflicts().ofCompany(theirs.id())).hasSize(1);
    }

    @Test
    void csvInGbkUtf8WithBomAndUtf16IsDecodedWithItsDelimiter() throws Exception {
        byte[] gbk = ImportFiles.text(GBK, false, "客户名称,国家,邮箱,等级", "深圳市光明灯饰有限公司,中国,li@gmled.cn,A级");
        JsonNode a = upload(rep, "wps.csv", gbk, null);
        assertThat(a.get("job").get("encoding").asString()).isEqualTo("GB18030");
        assertThat(a.get("sample").get(0).get(0).asString()).isEqualTo("深圳市光明灯饰有限公司");

        byte[] bom = ImportFiles.text(StandardCharsets.UTF_8, true, "Company;Country;Email", "\"Müller; Söhne GmbH\";Deutschland;info@mueller-soehne.de");
        JsonNode b = upload(rep, "excel.csv", bom, null);
        assertThat(b.get("job").get("encoding").asString()).isEqualTo("UTF-8 (BOM)");
        assertThat(b.get("job").get("delimiter").asString()).isEqualTo(";");
        assertThat(b.get("sample").get(0).get(0).asString()).isEqualTo("Müller; Söhne GmbH");

        byte[] unicode = ImportFiles.text(StandardCharsets.UTF_16LE, true, "公司名称\t邮箱", "東京商事株式会社\tsato@tokyo-shoji.jp");
        JsonNode c = upload(rep, "unicode.txt", unicode, null);
        assertThat(c.get("job").get("encoding").asString()).isEqualTo("UTF-16LE (BOM)");
        assertThat(c.get("job").get("delimiter").asString()).isEqualTo("\t");
        JsonNode result = run(rep, c.get("job").get("id").asString());
        assertThat(result.get("outcomes").get("CREATE").asLong()).isEqualTo(1);
        Company tokyo = store.companies().byDomain("tokyo-shoji.jp").orElseThrow();
        assertThat(tokyo.name()).isEqualTo("東京商事株式会社");
    }

    @Test
    void outlookAndFoxmailAddressBooksAttachContactsToTheCustomerTheirDomainLinksTo() throws Exception {
        Company known = seed.customer("Milano Valves SpA", "milanovalves.it", rep.user()).company();
        byte[] outlook = ImportFiles.text(StandardCharsets.UTF_8, false,
                "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address,"
                        + "E-mail 3 Address,Home Phone,Business Phone,Mobile Phone,Company,Department,Job Title,Web Page,Notes",
                "Marco,,Rossi,Mr.,,,,,marco.rossi@milanovalves.it,,,,+39 02 1234,,Milano Valves,Purchasing,Buyer,,",
                "Anna,,Berg,Ms.,,,,,anna@nordic-tools.se,anna.berg@gmail.com,,,,+46 70 1,Nordic Tools AB,,CEO,,");
        JsonNode o = upload(rep, "contacts.CSV", outlook, null);
        assertThat(fields(o)).containsEntry("E-mail Address", "EMAIL").containsEntry("E-mail 2 Address", "EMAIL")
                .containsEntry("Job Title", "TITLE").containsEntry("First Name", "FIRST_NAME").containsEntry("Company", "COMPANY")
                .doesNotContainKey("Title");
        run(rep, o.get("job").get("id").asString());
        assertThat(store.contacts().byAddress("marco.rossi@milanovalves.it")).get()
                .satisfies(c -> {
                    assertThat(c.companyId()).isEqualTo(known.id());
                    assertThat(c.name()).isEqualTo("Marco Rossi");
                    assertThat(c.title()).isEqualTo("Buyer");
                });
        Company nordic = store.companies().byDomain("nordic-tools.se").orElseThrow();
        assertThat(nordic.ownerId()).isEqualTo(rep.id());
        assertThat(store.contacts().byAddress("anna@nordic-tools.se").get().addresses())
                .containsExactly("anna@nordic-tools.se", "anna.berg@gmail.com");

        byte[] foxmail = ImportFiles.text(GBK, false, "姓名,电子邮件地址,手机,公司,职位,备注",
                "王芳,wangfang@jiahe-trading.com,13800138000,,采购经理,", "陈静,chen@milanovalves.it,,,,老客户");
        JsonNode f = upload(rep, "foxmail.csv", foxmail, null);
        assertThat(fields(f)).containsEntry("姓名", "CONTACT").containsEntry("电子邮件地址", "EMAIL").containsEntry("手机", "PHONE");
        run(rep, f.get("job").get("id").asString());
        Company jiahe = store.companies().byDomain("jiahe-trading.com").orElseThrow();
        assertThat(jiahe.name()).isEqualTo("Jiahe Trading");
        assertThat(store.contacts().byAddress("wangfang@jiahe-trading.com").get())
                .satisfies(c -> assertThat(c.name()).isEqualTo("王芳"))
                .satisfies(c -> assertThat(c.phones()).containsExactly("13800138000"));
        assertThat(store.contacts().byAddress("chen@milanovalves.it").get().companyId()).isEqualTo(known.id());
    }

    @Test
    void vcard3And4ContactsAreImported() throws Exception {
        byte[] v3 = ImportFiles.text(StandardCharsets.UTF_8, false, "BEGIN:VCARD", "VERSION:3.0", "N:Silva;Pedro;;;",
                "FN:Pedro Silva", "ORG:Porto Ceramics Lda", "TITLE:Owner", "EMAIL;TYPE=INTERNET,WORK:pedro@portoceramics.pt",
                "TEL;TYPE=WORK:+351 22 000", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0", "FN:Ines",
                "EMAIL:ines@portoceramics.pt", "END:VCARD");
        JsonNode a = upload(rep, "phone.vcf", v3, null);
        assertThat(a.get("job").get("format").asString()).isEqualTo("VCARD");
        JsonNode result = run(rep, a.get("job").get("id").asString());
        assertThat(result.get("outcomes").get("CREATE").asLong()).isEqualTo(1);
        assertThat(result.get("outcomes").get("UPDATE").asLong()).isEqualTo(1);
        Company porto = store.companies().byDomain("portoceramics.pt").orElseThrow();
        assertThat(porto.name()).isEqualTo("Porto Ceramics Lda");
        assertThat(store.contacts().ofCompany(porto.id())).extracting(Contact::name).containsExactlyInAnyOrder("Pedro Silva", "Ines");

        byte[] v4 = ImportFiles.text(StandardCharsets.UTF_8, false, "BEGIN:VCARD", "VERSION:4.0", "FN:张伟",
                "N:张;伟;;;", "ORG:宁波海天贸易有限公司", "EMAIL;TYPE=work:zhangwei@nbhaitian.com",
                "TEL;VALUE=uri;TYPE=cell:tel:+86-138-0000-0000", "END:VCARD");
        run(rep, upload(rep, "v4.vcf", v4, null).get("job").get("id").asString());
        Contact zhang = store.contacts().byAddress("zhangwei@nbhaitian.com").orElseThrow();
        assertThat(zhang.name()).isEqualTo("张伟");
        assertThat(zhang.phones()).containsExactly("+86-138-0000-0000");
        assertThat(store.companies().get(zhang.companyId()).name()).isEqualTo("宁波海天贸易有限公司");
    }

    @Test
    void badFilesAreProblemDetails() throws Exception {
        Http.Reply encrypted = uploadRaw(rep, "locked.xlsx", ImportFiles.encryptedXlsx(), null);
        assertThat(encrypted.status()).isEqualTo(400);
        assertThat(encrypted.contentType()).startsWith("application/problem+json");
        assertThat(encrypted.body()).contains("\"reason\":\"encrypted\"");

        byte[] binary = new byte[2048];
        new java.util.Random(7).nextBytes(binary);
        binary[10] = 0;
        Http.Reply notSheet = uploadRaw(rep, "photo.jpg", binary, null);
        assertThat(notSheet.status()).isEqualTo(415);
        assertThat(notSheet.body()).contains("not-a-sheet");

        byte[] large = ImportFiles.text(StandardCharsets.UTF_8, false, "Company,Email\r\n" + "Big Ltd,a@big.example\r\n".repeat(12_000));
        Http.Reply tooLarge = uploadRaw(rep, "big.csv", large, null);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anImportIsItsUploadersAndARepImportsIntoTheirOwnBookOnly() throws Exception {
        String id = upload(rep, "mine.csv", ImportFiles.text(StandardCharsets.UTF_8, false, "Company", "Kept Ltd"), null)
                .get("job").get("id").asString();
        assertThat(http.get(otherRep.token(), "/api/imports/" + id).status()).isEqualTo(404);
        assertThat(http.post(otherRep.token(), "/api/imports/" + id + "/start", null).status()).isEqualTo(404);
        assertThat(http.send(rep.token(), "PUT", "/api/imports/" + id + "/mapping",
                Map.of("ownerId", otherRep.id())).status()).isEqualTo(403);
        assertThat(http.send(rep.token(), "PUT", "/api/imports/" + id + "/mapping",
                Map.of("ownerId", manager.id())).status()).isEqualTo(403);

        String forRep = upload(manager, "team.csv", ImportFiles.text(StandardCharsets.UTF_8, false, "Company,Owner",
                "Assigned Ltd,", "Owner Column Ltd," + rep.user().addresses().get(0), "Outsider Ltd," + otherRep.user().addresses().get(0)),
                null).get("job").get("id").asString();
        assertThat(http.send(manager.token(), "PUT", "/api/imports/" + forRep + "/mapping", Map.of("ownerId", rep.id())).status())
                .isEqualTo(200);
        JsonNode result = run(manager, forRep);
        assertThat(result.get("reasons").get("owner-not-allowed").asLong()).isEqualTo(1);
        assertThat(store.companies().byNormalizedName(CompanyName.normalize("Assigned Ltd")).get(0).ownerId()).isEqualTo(rep.id());
        assertThat(store.companies().byNormalizedName(CompanyName.normalize("Owner Column Ltd")).get(0).ownerId()).isEqualTo(rep.id());
    }

    @Test
    void aMappingSavedAsAProfileIsUsedForTheNextFile() throws Exception {
        byte[] file = ImportFiles.text(StandardCharsets.UTF_8, false, "Kunde,Adresse,Klasse", "Wien Glas GmbH,office@wienglas.at,B");
        JsonNode first = upload(rep, "crm-export.csv", file, null);
        String id = first.get("job").get("id").asString();
        assertThat(fields(first)).isEmpty();
        ok(http.send(rep.token(), "PUT", "/api/imports/" + id + "/mapping",
                Map.of("columns", Map.of("0", "COMPANY", "1", "EMAIL", "2", "GRADE"))));
        ok(http.post(rep.token(), "/api/imports/" + id + "/profile", Map.of("name", "Old CRM")));
        assertThat(ok(http.get(rep.token(), "/api/imports/profiles"))).extracting(p -> p.get("name").asString()).containsExactly("Old CRM");

        JsonNode next = upload(rep, "crm-export-2.csv", ImportFiles.text(StandardCharsets.UTF_8, false, "Klasse,Kunde,Adresse",
                "A,Graz Holz AG,info@grazholz.at"), "Old CRM");
        assertThat(fields(next)).containsEntry("Kunde", "COMPANY").containsEntry("Adresse", "EMAIL").containsEntry("Klasse", "GRADE");
        assertThat(http.get(otherRep.token(), "/api/imports/profiles").json()).isEmpty();
    }

    // --- helpers

    private Map<String, String> fields(JsonNode view) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (JsonNode column : view.get("job").get("mapping")) {
            if (column.hasNonNull("field")) {
                fields.put(column.get("header").asString(), column.get("field").asString());
            }
        }
        return fields;
    }

    private JsonNode run(Person who, String id) {
        Http.Reply started = http.post(who.token(), "/api/imports/" + id + "/start", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(
                http.get(who.token(), "/api/imports/" + id + "/progress").json().get("status").asString()));
        JsonNode progress = http.get(who.token(), "/api/imports/" + id + "/progress").json();
        assertThat(progress.get("status").asString()).as(progress.toString()).isEqualTo("DONE");
        assertThat(progress.get("done").asLong()).isEqualTo(progress.get("total").asLong());
        return progress.get("result");
    }

    private static JsonNode ok(Http.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isBetween(200, 299);
        return reply.json();
    }

    private JsonNode upload(Person who, String name, byte[] content, String profile) throws Exception {
        Http.Reply reply = uploadRaw(who, name, content, profile);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(reply.body());
    }

    private Http.Reply uploadRaw(Person who, String name, byte[] content, String profile) {
        return io.genjin.app.support.Multipart.upload(port, who.token(), "/api/imports", name, content,
                profile == null ? Map.of() : Map.of("profile", profile));
    }

    private String download(Person who, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + who.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
