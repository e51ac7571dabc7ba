package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.tracking.TrackHits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The rep's working day in the browser: customers, contacts, quick actions, tasks and orders made and
 * changed through the pages, on data the product's own flows wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=ui-workspace-admin-token-0123456789abcdef", "server.address=127.0.0.1",
                "genjin.ui.time-zone=UTC",
                // A quote opened a moment after it was sent counts as a person here, as in the tracking tests.
                "genjin.tracking.delivery-window=0s", "genjin.tracking.session-gap=1ms",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class WorkspaceInChromiumTest extends ChromiumAppTest {
    private static final String ENGLISH = "en-US,en";
    private static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    @Autowired
    TrackHits hits;

    private Seed seed;
    private Team team;
    private Person manager;
    private Person rep;
    private Person teammate;
    private Http http;

    @BeforeEach
    void people() {
        http = new Http(port);
        seed = new Seed(store);
        team = seed.team("Workspace team " + System.nanoTime());
        manager = seed.person("Wendy Manager", Role.MANAGER, team, null);
        rep = seed.person("Walter Rep", Role.REP, team, manager.user());
        teammate = seed.person("Tina Teammate", Role.REP, team, manager.user());
    }

    @Test
    void customerPageOpensAfterAStageChangeRaisedTasksWithoutAnActor() {
        Customer acme = seed.customer("Acme Stage", "acme-stage.example", rep.user());
        assertThat(http.send(rep.token(), "PUT", "/api/companies/" + acme.id() + "/stage",
                Map.of("stage", "QUOTED")).status()).isEqualTo(200);

        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/customers/" + acme.id());
            assertThat(browser.text(By.id("customer-stage"))).isEqualTo("Quoted");
            assertThat(browser.text(By.id("open-tasks"))).contains("Prepare the quotation for Acme Stage");
            assertThat(browser.texts(By.cssSelector("#timeline .activity-meta")))
                    .anyMatch(meta -> meta.contains("Task") && meta.contains("by Genjin (automatic)"))
                    .anyMatch(meta -> meta.contains("Stage change") && meta.contains("by Walter Rep"));
        }
    }

    @Test
    void repCreatesACustomerEditsItAndKeepsItsContacts() {
        seed.customer("Taken Domain Ltd", "taken-domain.example", rep.user());
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.clickAndLoad(By.id("new-customer"));
            type(browser, "form-name", "Nordic Lamps AB");
            type(browser, "form-domains", "nordic-lamps.example, taken-domain.example");
            type(browser, "form-country", "SE");
            type(browser, "form-tags", "LED, distributor");
            new Select(browser.visible(By.id("form-grade"))).selectByValue("B");
            browser.clickAndLoad(By.id("customer-submit"));
            assertThat(browser.text(By.id("problem"))).contains("taken-domain.example", "another customer");
            assertThat(browser.visible(By.id("form-name")).getAttribute("value")).isEqualTo("Nordic Lamps AB");

            browser.visible(By.id("form-domains")).clear();
            type(browser, "form-domains", "nordic-lamps.example");
            browser.clickAndLoad(By.id("customer-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Customer created.");
            assertThat(browser.text(By.id("customer-name"))).isEqualTo("Nordic Lamps AB");
            assertThat(browser.text(By.id("customer-grade"))).isEqualTo("B");
            assertThat(browser.text(By.id("customer-owner"))).isEqualTo("Walter Rep");
            assertThat(browser.text(By.id("customer-country"))).isEqualTo("SE");
            assertThat(browser.texts(By.cssSelector("#customer-tags .tag"))).containsExactlyInAnyOrder("LED", "distributor");
            String id = browser.path().replaceFirst("^/customers/", "");

            browser.clickAndLoad(By.id("edit-customer"));
            type(browser, "form-industry", "Lighting");
            type(browser, "form-domains", " nordic-lamps.se");
            browser.clickAndLoad(By.id("customer-submit"));
            assertThat(browser.text(By.id("customer-domains"))).contains("nordic-lamps.example", "nordic-lamps.se");
            assertThat(browser.text(By.id("customer-industry"))).isEqualTo("Lighting");

            browser.clickAndLoad(By.id("add-contact"));
            type(browser, "contact-name", "Sven Berg");
            type(browser, "contact-title", "Purchasing manager");
            type(browser, "contact-addresses", "sven@nordic-lamps.example\nsven.berg@nordic-lamps.se");
            type(browser, "contact-phones", "+46 8 123 456\n+46 70 111 2222");
            type(browser, "contact-whatsapp", "+46701112222");
            type(browser, "contact-wechat", "svenberg");
            browser.clickAndLoad(By.id("contact-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Contact saved.");
            assertThat(browser.text(By.id("contacts"))).contains("Sven Berg", "Purchasing manager",
                    "sven@nordic-lamps.example", "sven.berg@nordic-lamps.se", "+46 8 123 456", "+46 70 111 2222",
                    "WhatsApp: +46701112222", "WeChat: svenberg");

            browser.clickAndLoad(By.cssSelector("#contacts .edit-contact"));
            browser.visible(By.id("contact-title")).clear();
            type(browser, "contact-title", "Head of purchasing");
            browser.clickAndLoad(By.id("contact-submit"));
            assertThat(browser.text(By.id("contacts"))).contains("Head of purchasing").doesNotContain("Purchasing manager");

            // What the pages wrote is what the API reads.
            var card = http.get(rep.token(), "/api/companies/" + id).json();
            assertThat(card.get("company").get("industry").asString()).isEqualTo("Lighting");
            assertThat(card.get("contacts").get(0).get("weChat").asString()).isEqualTo("svenberg");
            browser.screenshot("customer-edited-en");
        }
    }

    @Test
    void repMovesTheStageRegradesAndLogsACallWhoseNextStepBecomesATask() {
        Customer acme = seed.customer("Acme Quick", "acme-quick.example", rep.user());
        LocalDate nextWeek = LocalDate.now(ZoneOffset.UTC).plusDays(7);
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/customers/" + acme.id());
            new Select(browser.visible(By.id("stage-select"))).selectByValue("QUOTED");
            browser.clickAndLoad(By.id("stage-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Stage changed.");
            assertThat(browser.text(By.id("customer-stage"))).isEqualTo("Quoted");
            assertThat(browser.text(By.id("open-tasks"))).contains("Prepare the quotation for Acme Quick");

            new Select(browser.visible(By.id("grade-select"))).selectByValue("A");
            browser.clickAndLoad(By.id("grade-submit"));
            assertThat(browser.text(By.id("customer-grade"))).isEqualTo("A");

            browser.visible(By.id("log-CALL")).click();
            type(browser, "log-title", "Price call");
            type(browser, "log-body", "Wants 3% off for 40HQ");
            setValue(browser, "log-next-on", nextWeek.toString());
            type(browser, "log-next", "Send the revised offer");
            browser.clickAndLoad(By.id("log-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Logged, and the next step is on your task list.");
            assertThat(browser.texts(By.cssSelector("#timeline .activity-title"))).contains("Price call");
            assertThat(browser.text(By.id("open-tasks"))).contains("Send the revised offer", nextWeek + " 09:00");
            assertThat(browser.text(By.id("open-task-count"))).isEqualTo("4");

            browser.clickAndLoad(By.xpath("//li[contains(@class,'task')][.//span[text()='Send the quote']]//button"));
            assertThat(browser.path()).isEqualTo("/customers/" + acme.id());
            assertThat(browser.text(By.id("done"))).isEqualTo("Task done.");
            assertThat(browser.text(By.id("open-tasks"))).doesNotContain("Send the quote");
            assertThat(browser.texts(By.cssSelector("#timeline .activity-title"))).contains("Done: Send the quote");

            browser.clickAndLoad(By.cssSelector("#timeline-filter a[data-type=CALL]"));
            assertThat(browser.texts(By.cssSelector("#timeline .activity-type"))).containsExactly("Call");
            browser.screenshot("customer-logged-en");
        }
        // The API's log and the page's are one use case: the API's takes a next step too.
        var logged = http.post(rep.token(), "/api/companies/" + acme.id() + "/notes", Map.of("type", "WHATSAPP",
                "body", "Sent the catalogue", "nextStepAt", nextWeek.atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
                "nextStep", "Ask about the catalogue"));
        assertThat(logged.status()).isEqualTo(201);
        assertThat(logged.json().get("type").asString()).isEqualTo("WHATSAPP");
        assertThat(logged.json().get("followUp").get("title").asString()).isEqualTo("Ask about the catalogue");
    }

    @Test
    void aManagerHandsACustomerToATeammateAndArchivesItWhileARepSeesNoHandOver() {
        Customer acme = seed.customer("Acme Handover", "acme-handover.example", rep.user());
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/customers/" + acme.id());
            assertThat(browser.driver.findElements(By.id("owner-form"))).isEmpty();
            assertThat(browser.driver.findElements(By.id("nav-team-tasks"))).isEmpty();
        }
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(manager.token());
            browser.go("/customers/" + acme.id());
            new Select(browser.visible(By.id("owner-select"))).selectByVisibleText("Tina Teammate");
            browser.clickAndLoad(By.id("owner-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Customer handed over.");
            assertThat(browser.text(By.id("customer-owner"))).isEqualTo("Tina Teammate");

            browser.clickAndLoad(By.id("archive-customer"));
            assertThat(browser.text(By.id("customer-archived"))).isEqualTo("Archived");
            browser.go("/customers?q=handover");
            assertThat(browser.driver.findElements(By.className("customer-link"))).isEmpty();
            browser.clickAndLoad(By.id("show-archived"));
            assertThat(browser.texts(By.className("customer-link"))).contains("Acme Handover");
            browser.clickAndLoad(By.linkText("Acme Handover"));
            browser.clickAndLoad(By.id("restore-customer"));
            assertThat(browser.driver.findElements(By.id("customer-archived"))).isEmpty();
        }
        // The rep no longer owns it: it answers like a missing customer, edit form and all.
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/customers/" + acme.id() + "/edit");
            assertThat(browser.text(By.cssSelector("#not-found h1"))).isEqualTo("Not found");
            browser.go("/contacts/" + acme.contact().id() + "/edit");
            assertThat(browser.text(By.cssSelector("#not-found h1"))).isEqualTo("Not found");
        }
    }

    @Test
    void tasksAreCompletedSnoozedCommentedAndReassignedFromTheLists() {
        Customer acme = seed.customer("Acme Tasks", "acme-tasks.example", rep.user());
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        String late = http.post(rep.token(), "/api/companies/" + acme.id() + "/tasks",
                Map.of("title", "Chase the deposit", "dueAt", yesterday.toString())).json().get("id").asString();
        LocalDate inThreeDays = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/tasks");
            assertThat(browser.text(By.cssSelector("#task-" + late))).contains("Chase the deposit", "Overdue");
            assertThat(browser.driver.findElements(By.cssSelector("#task-" + late + ".overdue"))).hasSize(1);

            type(browser, By.cssSelector("#task-" + late + " .comment-form input[name=text]"), "Customer is at a fair");
            browser.clickAndLoad(By.cssSelector("#task-" + late + " .comment-form button"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Comment added.");
            assertThat(browser.text(By.cssSelector("#task-" + late + " .comments"))).contains("Walter Rep", "Customer is at a fair");

            setValue(browser, By.cssSelector("#task-" + late + " .snooze-form input[name=until]"), inThreeDays.toString());
            browser.clickAndLoad(By.cssSelector("#task-" + late + " .snooze-form button"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Task snoozed.");
            assertThat(browser.text(By.cssSelector("#task-" + late))).contains(inThreeDays + " 09:00").doesNotContain("Overdue");

            browser.clickAndLoad(By.cssSelector("#task-" + acme.task().id() + " .complete-task"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Task done.");
            assertThat(browser.driver.findElements(By.id("task-" + acme.task().id()))).isEmpty();
            browser.screenshot("tasks-actions-en");
        }
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(manager.token());
            browser.clickAndLoad(By.id("nav-team-tasks"));
            assertThat(browser.text(By.cssSelector("#task-" + late))).contains("Chase the deposit", "Walter Rep",
                    "Customer is at a fair");
            new Select(browser.visible(By.cssSelector("#task-" + late + " .assign-form select")))
                    .selectByVisibleText("Tina Teammate");
            browser.clickAndLoad(By.cssSelector("#task-" + late + " .assign-form button"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Task re-assigned.");
            assertThat(browser.text(By.cssSelector("#task-" + late + " .task-assignee"))).isEqualTo("Tina Teammate");
        }
        assertThat(http.get(rep.token(), "/api/tasks/" + acme.task().id()).json().get("status").asString()).isEqualTo("DONE");
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/tasks/team");
            assertThat(browser.text(By.cssSelector("#error .error-code"))).isEqualTo("403");
        }
    }

    @Test
    void aPiIsRecordedWithItemsAndMovedOnUntilTheBalanceIsPaid() {
        Customer acme = seed.customer("Acme Orders", "acme-orders.example", rep.user());
        try (Browser browser = open("zh-CN,zh;q=0.9")) {
            browser.signIn(rep.token());
            browser.go("/customers/" + acme.id());
            type(browser, "order-number", "PI-2026-042");
            setValue(browser, "order-date", "2026-11-20");
            type(browser, "order-items", "M8 螺栓 | 20000 | 0.05\nWashers | 1,000 | 0.01");
            browser.clickAndLoad(By.id("order-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("订单已记录。");
            assertThat(browser.text(By.cssSelector("#orders .order"))).contains("PI-2026-042", "USD 1,010.00",
                    "2026-11-20", "已发 PI", "M8 螺栓 × 20000 @ 0.05");

            new Select(browser.visible(By.cssSelector("#orders .order-status-form select"))).selectByValue("DEPOSIT_RECEIVED");
            browser.clickAndLoad(By.cssSelector("#orders .order-status-form button"));
            assertThat(browser.text(By.cssSelector("#orders .order-status"))).isEqualTo("已收定金");
            browser.clickAndLoad(By.cssSelector("#timeline-filter a[data-type=ORDER]"));
            assertThat(browser.texts(By.cssSelector("#timeline .activity-title")))
                    .containsExactly("订单 PI-2026-042：已收定金，USD 1010.00", "订单 PI-2026-042：已发 PI，USD 1010.00");
            browser.screenshot("customer-orders-zh");
        }
        String orderId = http.get(rep.token(), "/api/companies/" + acme.id() + "/orders").json().get(0).get("id").asString();
        var paid = http.send(rep.token(), "PATCH", "/api/orders/" + orderId, Map.of("status", "BALANCE_PAID"));
        assertThat(paid.json().get("status").asString()).isEqualTo("BALANCE_PAID");
        assertThat(http.get(teammate.token(), "/api/orders/" + orderId).status()).isEqualTo(404);
    }

    @Test
    void theHeaderCountsMailBothWaysAndQuotationOpensByPeopleAndByMachinesFromRealHits() throws Exception {
        Customer acme = seed.customer("Acme Header", "acme-header.example", rep.user());
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        IngestResult reply = pipeline.ingest(RawMail.of(("""
                Message-ID: <header-1@acme-header.example>
                Date: %s
                From: Buyer <buyer@acme-header.example>
                To: <%s>
                Subject: RE: Quotation
                Content-Type: text/plain; charset=utf-8

                Thanks, we are checking the prices.
                """.formatted(DateTimeFormatter.RFC_1123_DATE_TIME.format(threeDaysAgo.atZone(ZoneOffset.UTC)),
                rep.user().addresses().get(0))).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(rep.id(), "ui-test"));
        assertThat(reply.companyId()).isEqualTo(acme.id());

        var instrumented = http.post(rep.token(), "/api/tracking/instrument", Map.of("messageId", "<q-header@team.example>",
                "quote", true, "subject", "Quotation QH-1", "html", "<p>Our offer</p>",
                "recipients", List.of("buyer@acme-header.example")));
        assertThat(instrumented.status()).as(instrumented.toString()).isEqualTo(201);
        String pixel = URI.create(instrumented.json().get("recipients").get(0).get("pixelUrl").asString()).getRawPath();
        fetch(pixel, "HEAD", Map.of("User-Agent", BROWSER));
        fetch(pixel, "GET", Map.of("User-Agent", BROWSER, "Sec-Purpose", "prefetch"));
        fetch(pixel, "GET", Map.of("User-Agent", BROWSER));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(hits::drained);

        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/customers/" + acme.id());
            assertThat(browser.text(By.id("last-in"))).isEqualTo(new Times(ZoneOffset.UTC).dateTime(threeDaysAgo));
            assertThat(browser.text(By.id("two-way"))).isEqualTo("3 days");
            assertThat(browser.text(By.id("open-task-count"))).isEqualTo("1");
            assertThat(browser.text(By.id("quote-opens"))).isEqualTo("1 by people, 2 by machines");
            browser.go("/customers/" + acme.id() + "?lang=zh-CN");
            assertThat(browser.text(By.id("two-way"))).isEqualTo("3 天");
            assertThat(browser.text(By.id("quote-opens"))).isEqualTo("真人 1 次，机器 2 次");
            browser.screenshot("customer-header-zh");
        }
    }

    private void fetch(String path, String method, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        assertThat(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);
    }

    private static void type(Browser browser, String id, String text) {
        type(browser, By.id(id), text);
    }

    private static void type(Browser browser, By field, String text) {
        browser.visible(field).sendKeys(text);
    }

    /** Date inputs take keystrokes in the browser's locale format; setting the value is locale-free. */
    private static void setValue(Browser browser, String id, String value) {
        setValue(browser, By.id(id), value);
    }

    private static void setValue(Browser browser, By field, String value) {
        browser.driver.executeScript("arguments[0].value = arguments[1]", browser.visible(field), value);
    }

    private Browser open(String acceptLanguage) {
        return Browser.open("http://127.0.0.1:" + port, acceptLanguage);
    }
}
