package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.followup.sequence.Sequence;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.user.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Outlook task pane in headless Chromium, in a simulated Outlook: office.js is replaced by a
 * stub of {@code Office.context.mailbox} (the office.js setting points at it), the add-in's own API
 * answers from {@link FakeAddinApi}, and everything else is the real app: the pane's page and
 * scripts, the sign-in dialog, and the customer, task, stage, grade and sequence endpoints its
 * buttons call. Covers read mode, compose mode, a pinned pane following the selected message
 * (answers for the message left behind are dropped), an unreachable backend, and sign-in through
 * the dialog, successful and not. The pane is drawn 320 px wide and checked with axe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-addin-admin-token-0123456789abcdef-xyz",
                "genjin.addin.office-js-url=" + FakeAddinApi.OFFICE_STUB,
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@Import(FakeAddinApi.Wiring.class)
@DirtiesContext
class AddinPaneInChromiumTest extends ChromiumAppTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static String axe;

    @Autowired
    FakeAddinApi api;
    @Autowired
    SequenceStore sequences;

    private Person rep;
    private Customer fabrikam;
    private Customer contoso;
    private String domain;

    @BeforeAll
    static void axeInstalled() throws Exception {
        axe = EveryPageInChromiumTest.Axe.script();
    }

    @BeforeEach
    void aRepWithCustomers() {
        api.reset();
        Seed seed = new Seed(store);
        var team = seed.team("Add-in team " + Ids.newId());
        rep = seed.person("Addin Rep", Role.REP, team, null);
        domain = "fabrikam-" + Ids.newId().substring(16) + ".example";
        fabrikam = seed.customer("Fabrikam Trading", domain, rep.user());
        contoso = seed.customer("Contoso Imports", "contoso-" + Ids.newId().substring(16) + ".example", rep.user());
        api.customer(card(fabrikam, "QUOTED", "A"), fabrikam.contact().addresses().get(0));
        api.customer(card(contoso, "INQUIRY", "B"), contoso.contact().addresses().get(0));
    }

    @Test
    void readModeShowsTheSendersCardAndItsButtonsChangeTheCustomer() {
        Sequence sequence = sequences.sequences().save(new Sequence(Ids.newId(), "Quote follow-up", rep.id(), "en",
                List.of(new Sequence.Step(Duration.ofDays(2), List.of(new Sequence.Variant("en", "Hi", "Hello")))),
                null, false, store.clock().instant()));
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            pane(browser, signedIn(Map.of("item", read(fabrikam.contact().addresses().get(0), "RFQ: 2000 drivers"))));
            assertThat(browser.text(By.cssSelector(".customer h2"))).isEqualTo("Fabrikam Trading");
            assertThat(browser.texts(By.cssSelector(".customer .chip"))).containsExactly("A", "Quoted", "DE");
            assertThat(browser.text(By.cssSelector(".customer .owner"))).isEqualTo("Your customer");
            assertThat(browser.text(By.cssSelector(".customer .quote-opens"))).startsWith("3 by people, 1 by machines");
            assertThat(browser.texts(By.cssSelector(".customer .tasks li"))).anySatisfy(t -> assertThat(t).startsWith("Send the quote"));
            assertThat(browser.texts(By.cssSelector(".customer .timeline li"))).anySatisfy(t -> assertThat(t).contains("First call"));
            assertThat(accessibilityProblems(browser)).isEmpty();
            assertThat(overflowsAt320(browser)).isFalse();
            browser.screenshot("addin-read");

            browser.driver.findElement(By.id("log")).click();
            assertThat(notice(browser, "Logged")).isEqualTo("Logged to the timeline.");
            FakeAddinApi.Call logged = api.calls("/api/addin/messages").get(0);
            assertThat(logged.authorization()).isEqualTo("Bearer " + rep.token());
            assertThat(logged.body()).contains("\"internetMessageId\":\"<rfq-2000-drivers@" + domain + ">\"").contains("\"eml\":");

            browser.driver.findElement(By.cssSelector(".fold summary")).click();
            browser.visible(By.xpath("//button[text()='Tomorrow']")).click();
            browser.driver.findElement(By.id("add-task")).click();
            assertThat(notice(browser, "Task added")).isEqualTo("Task added.");
            List<Task> open = store.tasks().ofCompany(fabrikam.id(), EnumSet.of(TaskStatus.OPEN));
            assertThat(open).anySatisfy(t -> {
                assertThat(t.title()).isEqualTo("Follow up: RFQ: 2000 drivers");
                assertThat(t.dueAt()).isAfter(store.clock().instant());
                assertThat(t.assigneeId()).isEqualTo(rep.id());
            });

            new Select(browser.visible(By.cssSelector("select.stage"))).selectByValue("NEGOTIATION");
            browser.driver.findElement(By.id("set-stage")).click();
            assertThat(notice(browser, "Stage set")).isEqualTo("Stage set to Negotiation.");
            assertThat(store.companies().get(fabrikam.id()).stage()).isEqualTo(Stage.NEGOTIATION);

            new Select(browser.visible(By.cssSelector("select.grade"))).selectByValue("B");
            browser.driver.findElement(By.id("set-grade")).click();
            assertThat(notice(browser, "Grade set")).isEqualTo("Grade set to B.");
            assertThat(store.companies().get(fabrikam.id()).grade()).isEqualTo(Grade.B);

            new Select(browser.visible(By.cssSelector("select.sequence"))).selectByValue(sequence.id());
            browser.visible(By.id("enroll")).click();
            assertThat(notice(browser, "Enrolled")).isEqualTo("Enrolled in Quote follow-up.");
            assertThat(sequences.enrollments().activeOf(fabrikam.contact().id())).isPresent();

            browser.visible(By.cssSelector(".customer .link")).click();
            assertThat(stubValue(browser, "return window.__officeStub.recorded.opened.join(' ')"))
                    .isEqualTo(base() + "/customers/" + fabrikam.id());
        }
    }

    @Test
    void aChineseOutlookGetsAChinesePane() {
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            pane(browser, signedIn(Map.of("lang", "zh-CN", "item", read(fabrikam.contact().addresses().get(0), "询价"))));
            assertThat(browser.text(By.cssSelector(".customer .owner"))).isEqualTo("您的客户");
            assertThat(browser.texts(By.cssSelector(".customer .chip"))).contains("A 级", "已报价");
            assertThat(browser.text(By.id("log"))).isEqualTo("记录这封邮件");
            assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
            assertThat(accessibilityProblems(browser)).isEmpty();
        }
    }

    @Test
    void anUnknownSenderBecomesAContactOfTheGuessedCompanyOrANewCustomer() {
        String colleague = "new.buyer@" + domain;
        api.unknown.put(colleague, unknown(colleague, "New Buyer", false,
                Map.of("companyId", fabrikam.id(), "companyName", "Fabrikam Trading", "domain", domain)));
        String freeMail = "wang.fang." + Ids.newId().substring(18) + "@163.com";
        api.unknown.put(freeMail, unknown(freeMail, "Wang Fang", true, null));
        String taken = "buyer@someone-elses.example";
        Map<String, Object> takenCard = unknown(taken, null, false, null);
        takenCard.put("taken", true);
        api.unknown.put(taken, takenCard);
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            pane(browser, signedIn(Map.of("item", read(colleague, "Inquiry"))));
            assertThat(browser.text(By.cssSelector(".unknown h2"))).isEqualTo("New Buyer");
            browser.visible(By.cssSelector(".unknown .add-contact")).click();
            assertThat(notice(browser, "contact")).isEqualTo("New Buyer added as a contact.");
            assertThat(store.contacts().byAddress(colleague)).get().extracting(Contact::companyId).isEqualTo(fabrikam.id());
            assertThat(accessibilityProblems(browser)).isEmpty();

            changeItem(browser, read(freeMail, "Price for 500 pcs?"));
            await().until(() -> browser.driver.findElements(By.cssSelector(".unknown h2")).stream()
                    .anyMatch(h -> h.getText().equals("Wang Fang")));
            assertThat(browser.text(By.cssSelector(".unknown .muted:not(h2)"))).contains(freeMail);
            browser.visible(By.cssSelector(".unknown input.company-name")).sendKeys("Ningbo Wang Imports");
            browser.driver.findElement(By.cssSelector(".unknown .create-customer")).click();
            assertThat(notice(browser, "created")).isEqualTo("Ningbo Wang Imports created.");
            Contact created = store.contacts().byAddress(freeMail).orElseThrow();
            Company company = store.companies().get(created.companyId());
            assertThat(company.name()).isEqualTo("Ningbo Wang Imports");
            assertThat(company.domains()).as("free mail never becomes a company domain").isEmpty();
            assertThat(company.ownerId()).isEqualTo(rep.id());

            changeItem(browser, read(taken, "Hello"));
            assertThat(browser.text(By.cssSelector(".unknown p.small"))).isEqualTo("This address belongs to another rep's customer.");
            assertThat(browser.driver.findElements(By.cssSelector(".unknown button"))).isEmpty();
        }
    }

    @Test
    void composeModeChoosesTheCustomerInsertsAPriceListAndSendsATrackedQuotation() {
        api.snippets.add(Map.of("id", "p1", "name", "2026 price list", "kind", "PRICE_LIST",
                "html", "<a href=\"https://crm.example/p/2026\">2026 price list</a>"));
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("mode", "compose");
        draft.put("to", List.of(Map.of("emailAddress", fabrikam.contact().addresses().get(0), "displayName", "Buyer")));
        draft.put("cc", List.of(Map.of("emailAddress", contoso.contact().addresses().get(0))));
        draft.put("subject", "Quotation PI-118");
        draft.put("html", "<p>Please find our offer.</p>");
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            pane(browser, signedIn(Map.of("item", draft)));
            assertThat(browser.text(By.cssSelector(".compose .customer h2"))).isEqualTo("Fabrikam Trading");
            new Select(browser.visible(By.id("choose-customer"))).selectByVisibleText("Contoso Imports");
            await().until(() -> browser.driver.findElements(By.cssSelector(".compose .customer h2")).stream()
                    .anyMatch(h -> h.getText().equals("Contoso Imports")));
            await().until(() -> api.calls("/api/addin/snippets").stream().anyMatch(c -> c.query().contains(contoso.id())));
            browser.visible(By.id("insert")).click();
            await().until(() -> stubValue(browser, "return window.__officeStub.recorded.inserted.join('')")
                    .equals("<a href=\"https://crm.example/p/2026\">2026 price list</a>"));
            assertThat(accessibilityProblems(browser)).isEmpty();
            assertThat(overflowsAt320(browser)).isFalse();

            browser.visible(By.id("send-tracked")).click();
            browser.wait.until(ExpectedConditions.textToBe(By.id("tracked"), "Tracked: you'll see when they open it. Send as usual."));
            assertThat(stubValue(browser, "return window.__officeStub.item().body.html"))
                    .isEqualTo("<p>Please find our offer.</p><img src=\"/t/o/signed-pixel\" alt=\"\">");
            assertThat(stubValue(browser, "return window.__officeStub.item().internetHeaders.values['X-Genjin-Track']"))
                    .isEqualTo("signed-track-id");
            FakeAddinApi.Call track = api.calls("/api/addin/compose/track").get(0);
            assertThat(track.body()).contains("\"companyId\":\"" + contoso.id() + "\"").contains("\"subject\":\"Quotation PI-118\"");
            assertThat(browser.driver.findElement(By.id("send-tracked")).isEnabled()).isFalse();
            browser.screenshot("addin-compose");
        }
    }

    @Test
    void aPinnedPaneFollowsTheSelectedMessageAndDropsTheAnswerForTheOneLeftBehind() {
        String slow = contoso.contact().addresses().get(0);
        api.slowAddress = slow;
        api.gate = new CountDownLatch(1);
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            open(browser, signedIn(Map.of("item", read(slow, "Old thread"))));
            await().until(() -> !api.calls("/api/addin/card").isEmpty());
            changeItem(browser, read(fabrikam.contact().addresses().get(0), "New thread"));
            assertThat(browser.text(By.cssSelector(".customer h2"))).isEqualTo("Fabrikam Trading");
            api.gate.countDown();
            await().until(() -> ((Number) browser.driver.executeScript("return window.genjinPane.turns.dropped")).intValue() >= 1);
            assertThat(browser.texts(By.cssSelector(".customer h2"))).containsExactly("Fabrikam Trading");

            changeItem(browser, null);
            assertThat(browser.text(By.id("no-item"))).isEqualTo("Select a message to see its customer.");
        }
    }

    @Test
    void anUnreachableBackendIsSaidPlainlyAndTheRepCanTryAgain() {
        api.offline = true;
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            pane(browser, signedIn(Map.of("item", read(fabrikam.contact().addresses().get(0), "RFQ"))));
            assertThat(browser.text(By.id("offline"))).contains("Genjin can't be reached right now. Your mail is not affected.");
            api.offline = false;
            browser.driver.findElement(By.id("retry")).click();
            assertThat(browser.text(By.cssSelector(".customer h2"))).isEqualTo("Fabrikam Trading");
        }
    }

    @Test
    void signingInThroughTheDialogHandsANewPersonalTokenToThePane() {
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            pane(browser, Map.of("me", rep.user().addresses().get(0), "item", read(fabrikam.contact().addresses().get(0), "RFQ")));
            assertThat(browser.text(By.cssSelector("#signin-panel h1"))).isEqualTo("Sign in to Genjin");
            assertThat(accessibilityProblems(browser)).isEmpty();
            String pane = browser.driver.getWindowHandle();
            browser.driver.findElement(By.id("signin")).click();
            String dialog = dialogWindow(browser, pane);
            // No web session in this browser yet: the normal sign-in first, then back to the add-in's page.
            browser.driver.switchTo().window(dialog);
            browser.visible(By.id("token")).sendKeys(rep.token());
            browser.driver.findElement(By.id("signin-submit")).click();
            browser.wait.until(ExpectedConditions.urlContains("/addin/signin"));
            assertThat(browser.text(By.cssSelector(".dialog p"))).isEqualTo("You are signed in to Genjin as Addin Rep.");
            assertThat(accessibilityProblems(browser)).isEmpty();
            browser.screenshot("addin-signin-dialog");
            browser.visible(By.id("connect")).click();
            browser.driver.switchTo().window(pane);
            await().until(() -> browser.driver.getWindowHandles().size() == 1);

            assertThat(browser.text(By.cssSelector(".customer h2"))).isEqualTo("Fabrikam Trading");
            assertThat(store.apiTokens().ofUser(rep.id())).anySatisfy(t -> assertThat(t.label()).isEqualTo("Outlook add-in"));
            String kept = stubValue(browser, "return window.__officeStub.roaming['genjin.auth']");
            assertThat(kept).contains("\"kind\":\"personal\"");
            assertThat(api.calls("/api/addin/card").get(0).authorization()).isNotEqualTo("Bearer " + rep.token())
                    .startsWith("Bearer ");
        }
    }

    @Test
    void closingTheSignInDialogIsASignInFailureSaidInPlainWords() {
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            pane(browser, Map.of("me", rep.user().addresses().get(0), "item", read(fabrikam.contact().addresses().get(0), "RFQ")));
            String pane = browser.driver.getWindowHandle();
            browser.visible(By.id("signin")).click();
            String dialog = dialogWindow(browser, pane);
            browser.driver.switchTo().window(dialog).close();
            browser.driver.switchTo().window(pane);
            assertThat(browser.text(By.id("signin-error")))
                    .isEqualTo("Sign-in didn't work: the sign-in window was closed. Try again, or ask your Genjin administrator.");
            assertThat(browser.driver.findElement(By.id("signin")).isEnabled()).isTrue();
            assertThat(api.calls("/api/addin/card")).isEmpty();
        }
    }

    @Test
    void aTokenGenjinNoLongerAcceptsAsksTheRepToSignInAgain() {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("me", rep.user().addresses().get(0),
                "item", read(fabrikam.contact().addresses().get(0), "RFQ")));
        spec.put("credential", Map.of("kind", "personal", "token", "gj_revoked_or_never_issued", "apiBase", base()));
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            pane(browser, spec);
            assertThat(browser.text(By.cssSelector("#signin-panel h1"))).isEqualTo("Sign in to Genjin");
            assertThat(stubValue(browser, "return String(window.__officeStub.roaming['genjin.auth'])")).isEqualTo("undefined");
        }
    }

    @Test
    void thePaneIsServedWithoutSignInWhileTheSignInPageNeedsAWebSessionAndMintsNothingWithoutOne() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> pane = http.send(HttpRequest.newBuilder(URI.create(base() + "/addin/taskpane.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pane.statusCode()).isEqualTo(200);
        assertThat(pane.body()).contains("<script src=\"" + FakeAddinApi.OFFICE_STUB + "\"></script>");
        assertThat(pane.headers().firstValue("Cache-Control")).get().asString().contains("no-cache");
        for (String file : List.of("/addin/taskpane.js", "/addin/taskpane.css", "/addin/strings.js", "/addin/commands.js",
                "/addin/commands.html", "/addin/vendor/msal-browser.min.js")) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + file)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).as(file).isEqualTo(200);
        }

        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/addin/signin?lang=en")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).get().asString().isEqualTo(base() + "/signin");
        int tokensBefore = store.apiTokens().ofUser(rep.id()).size();
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base() + "/addin/signin"))
                .header("Authorization", "Bearer " + rep.token()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isIn(302, 401, 403);
        assertThat(forged.body()).doesNotContain("data-token");
        assertThat(store.apiTokens().ofUser(rep.id())).hasSize(tokensBefore);
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Object> signedIn(Map<String, Object> spec) {
        Map<String, Object> all = new LinkedHashMap<>(spec);
        all.put("me", rep.user().addresses().get(0));
        all.put("credential", Map.of("kind", "personal", "token", rep.token(), "apiBase", base()));
        return all;
    }

    private Map<String, Object> read(String from, String subject) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("mode", "read");
        item.put("from", Map.of("emailAddress", from, "displayName", from.substring(0, from.indexOf('@'))));
        item.put("to", List.of(Map.of("emailAddress", rep.user().addresses().get(0))));
        item.put("subject", subject);
        item.put("internetMessageId", "<" + subject.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "@" + domain + ">");
        return item;
    }

    /** Opens the pane 320 px wide on this mailbox item, without waiting for it to draw. */
    private void open(Browser browser, Map<String, Object> spec) {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 320, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        browser.go("/addin/taskpane.html#" + fragment(spec));
    }

    /** Opens the pane and waits until it shows something other than "Loading". */
    private void pane(Browser browser, Map<String, Object> spec) {
        open(browser, spec);
        try {
            browser.wait.until(d -> (Boolean) browser.driver.executeScript("return !!(document.body.dataset.ready"
                    + " || document.querySelector('#signin-panel, #offline, #no-item, .notice:not([hidden])'))"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the pane never settled: " + browser.driver.executeScript("return document.body.outerHTML")
                    + "\nconsole: " + browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll()
                    + "\nAPI calls: " + api.calls, e);
        }
    }

    private void changeItem(Browser browser, Map<String, Object> item) {
        browser.driver.executeScript("window.__officeStub.changeItem(JSON.parse(arguments[0]))", JSON.writeValueAsString(item));
    }

    private static String fragment(Map<String, Object> spec) {
        return URLEncoder.encode(JSON.writeValueAsString(spec), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stubValue(Browser browser, String script) {
        return String.valueOf(browser.driver.executeScript(script));
    }

    private static String notice(Browser browser, String containing) {
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), containing));
        return browser.driver.findElement(By.id("notice")).getText();
    }

    private static String dialogWindow(Browser browser, String pane) {
        browser.wait.until(d -> d.getWindowHandles().size() == 2);
        return browser.driver.getWindowHandles().stream().filter(h -> !h.equals(pane)).findFirst().orElseThrow();
    }

    private static boolean overflowsAt320(Browser browser) {
        return (Boolean) browser.driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    private static List<String> accessibilityProblems(Browser browser) {
        return EveryPageInChromiumTest.Axe.violations(browser, axe);
    }

    private Map<String, Object> card(Customer customer, String stage, String grade) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("companyId", customer.id());
        card.put("name", customer.company().name());
        card.put("grade", grade);
        card.put("stage", stage);
        card.put("country", "DE");
        card.put("owner", Map.of("id", rep.id(), "name", rep.user().name()));
        card.put("mine", true);
        card.put("publicPool", false);
        card.put("lastInboundAt", store.clock().instant().minus(Duration.ofDays(2)).toString());
        card.put("lastOutboundAt", store.clock().instant().minus(Duration.ofHours(5)).toString());
        card.put("contacts", List.of(Map.of("id", customer.contact().id(), "name", customer.contact().name(),
                "address", customer.contact().addresses().get(0))));
        card.put("openTasks", List.of(Map.of("id", customer.task().id(), "title", customer.task().title(),
                "dueAt", customer.task().dueAt().toString(), "priority", "NORMAL")));
        card.put("quoteOpens", Map.of("human", 3, "machine", 1,
                "lastHumanOpenAt", store.clock().instant().minus(Duration.ofHours(1)).toString()));
        card.put("timeline", List.of(Map.of("at", customer.note().occurredAt().toString(), "type", "NOTE",
                "summary", customer.note().title())));
        card.put("url", base() + "/customers/" + customer.id());
        return card;
    }

    private static Map<String, Object> unknown(String address, String name, boolean freeMail, Map<String, Object> guess) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("address", address);
        u.put("name", name);
        u.put("freeMail", freeMail);
        u.put("guess", guess);
        return u;
    }
}
