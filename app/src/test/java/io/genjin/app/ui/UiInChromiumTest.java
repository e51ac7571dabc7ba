package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web UI as a salesperson and a manager use it: the real app on its embedded store, driven in
 * headless Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=ui-test-admin-token-0123456789-abcdef", "genjin.ui.page-size=10",
                "genjin.ui.time-zone=Asia/Shanghai",
                // Selenium 4.52 ships no CDP bindings for Chromium 156; these tests use none.
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class UiInChromiumTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final String ENGLISH = "en-US,en";

    @TempDir
    static Path dataDir;
    private static Seed seed;

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    io.genjin.followup.health.Health health;

    @DynamicPropertySource
    static void embeddedStoreInTempDir(DynamicPropertyRegistry registry) {
        registry.add("genjin.store.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void seedOnce() {
        if (seed == null) {
            seed = Seed.into(store);
        }
    }

    @Test
    void signingInWithAWrongTokenShowsAnErrorAndStaysSignedOut() {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn("not-a-real-token");
            assertThat(browser.text(By.id("signin-error"))).contains("not accepted");
            assertThat(browser.path()).startsWith("/signin?error");
            browser.screenshot("signin-error-en");
            browser.go("/customers");
            browser.visible(By.id("token"));
            assertThat(browser.path()).startsWith("/signin");
        }
    }

    @Test
    void repSeesOnlyOwnCustomersAndCanSearchAndPage() {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.ritaToken());
            assertThat(browser.path()).isEqualTo("/customers");
            assertThat(browser.text(By.className("who-name"))).isEqualTo("Rita Rep");
            List<String> firstPage = browser.texts(By.className("customer-link"));
            assertThat(firstPage).hasSize(10).startsWith("Acme Trading GmbH", "Berlin Bolts AG")
                    .doesNotContain("Osaka Optics KK", "Xenon Exports Ltd");
            assertThat(browser.texts(By.cssSelector("#customers tbody tr")).get(0))
                    .contains("Acme Trading GmbH", "A", "Quoted", "Rita Rep", "acme-trading.de", shanghai(NOW.minus(1, ChronoUnit.HOURS)));
            browser.screenshot("customers-en");

            browser.clickAndLoad(By.id("page-next"));
            assertThat(browser.texts(By.className("customer-link"))).hasSize(4).allMatch(n -> n.startsWith("Rita Lead"));
            browser.visible(By.id("page-previous"));

            browser.visible(By.id("q")).sendKeys("acme");
            browser.clickAndLoad(By.id("search-submit"));
            assertThat(browser.texts(By.className("customer-link"))).containsExactly("Acme Trading GmbH");

            browser.go("/customers?q=osaka");
            assertThat(browser.text(By.id("no-customers"))).contains("osaka");
        }
    }

    @Test
    void theNextAndPreviousPagesKeepTheHealthFilters() {
        try (var all = store.companies().streamLive()) {
            all.forEach(c -> health.current(c.id()));
        }
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.ritaToken());
            browser.go("/customers?healthBelow=101");
            assertThat(browser.texts(By.className("customer-link"))).hasSize(10);
            browser.clickAndLoad(By.id("page-next"));
            assertThat(browser.path()).isEqualTo("/customers?healthBelow=101&page=2");
            assertThat(browser.texts(By.className("customer-link"))).hasSize(4).allMatch(n -> n.startsWith("Rita Lead"));
            assertThat(browser.visible(By.id("health-below-filter")).getDomProperty("value")).isEqualTo("101");
            browser.clickAndLoad(By.id("page-previous"));
            assertThat(browser.path()).isEqualTo("/customers?healthBelow=101&page=1");
            assertThat(browser.texts(By.className("customer-link"))).hasSize(10);
        }
    }

    @Test
    void customerPageShowsTheCardAndTheTimelineNewestFirst() {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.ritaToken());
            browser.clickAndLoad(By.linkText("Acme Trading GmbH"));
            assertThat(browser.path()).isEqualTo("/customers/" + seed.acme());
            assertThat(browser.text(By.id("customer-name"))).isEqualTo("Acme Trading GmbH");
            assertThat(browser.text(By.id("customer-grade"))).isEqualTo("A");
            assertThat(browser.text(By.id("customer-stage"))).isEqualTo("Quoted");
            assertThat(browser.text(By.id("customer-owner"))).isEqualTo("Rita Rep");
            assertThat(browser.text(By.id("customer-domains"))).contains("acme-trading.de", "acme.example");
            assertThat(browser.text(By.id("last-in"))).isEqualTo(shanghai(NOW.minus(1, ChronoUnit.HOURS)));
            assertThat(browser.text(By.id("last-out"))).isEqualTo(shanghai(NOW.minus(3, ChronoUnit.HOURS)));
            assertThat(browser.text(By.id("contacts"))).contains("Hans Müller", "Head of Purchasing",
                    "hans@acme-trading.de");
            assertThat(browser.text(By.id("open-tasks"))).contains("Send the revised quotation", "High", "Overdue");

            List<String> timeline = browser.texts(By.cssSelector("#timeline .activity-title"));
            assertThat(timeline).hasSize(10).first().isEqualTo("RE: Quotation Q-2026-011");
            assertThat(browser.texts(By.cssSelector("#timeline .activity-meta")).get(0)).contains("Email", "Received");
            // User text is shown as text, never as markup.
            assertThat(browser.text(By.id("timeline"))).contains("<b>not bold</b>");
            assertThat(browser.driver.findElements(By.cssSelector(".activity-body b"))).isEmpty();
            browser.screenshot("customer-en");
        }
    }

    @Test
    void timelineFiltersByTypeAndPagesToOlderActivities() {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.ritaToken());
            browser.go("/customers/" + seed.acme());
            List<String> newest = browser.texts(By.cssSelector("#timeline .activity-title"));

            browser.clickAndLoad(By.id("timeline-older"));
            List<String> older = browser.texts(By.cssSelector("#timeline .activity-title"));
            assertThat(older).hasSize(5).doesNotContainAnyElementsOf(newest)
                    .endsWith("Stage: Inquiry → Quoted", "First inquiry about M8 bolts");
            assertThat(browser.driver.findElements(By.id("timeline-older"))).isEmpty();
            browser.clickAndLoad(By.id("timeline-newest"));
            assertThat(browser.texts(By.cssSelector("#timeline .activity-title"))).isEqualTo(newest);

            browser.clickAndLoad(By.cssSelector("#timeline-filter a[data-type=NOTE]"));
            assertThat(browser.path()).contains("type=NOTE");
            assertThat(browser.texts(By.cssSelector("#timeline .activity-type"))).hasSize(2).containsOnly("Note");
            assertThat(browser.text(By.cssSelector("#timeline-filter a.active"))).isEqualTo("Note");

            browser.go("/customers/" + seed.acme() + "?cursor=not-a-cursor");
            assertThat(browser.text(By.cssSelector("#error .error-code"))).isEqualTo("400");
            browser.go("/customers/" + seed.acme() + "?type=NO_SUCH_TYPE");
            assertThat(browser.text(By.cssSelector("#error .error-code"))).isEqualTo("400");
        }
    }

    @Test
    void myTasksListsOpenTasksWithOverdueOnesHighlightedAndLinksToTheCustomer() {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.ritaToken());
            browser.clickAndLoad(By.linkText("My tasks"));
            assertThat(browser.path()).isEqualTo("/tasks");
            List<String> rows = browser.texts(By.cssSelector("#tasks tbody tr"));
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).contains("Send the revised quotation", "Overdue", "Acme Trading GmbH", "High");
            assertThat(rows.get(1)).contains("Call about the sample", "Berlin Bolts AG").doesNotContain("Overdue");
            assertThat(browser.driver.findElements(By.cssSelector("#tasks tr.overdue"))).hasSize(1);
            browser.screenshot("tasks-en");
            assertThat(browser.texts(By.cssSelector("#tasks tbody tr"))).noneMatch(r -> r.contains("Oscar"));

            browser.clickAndLoad(By.linkText("Acme Trading GmbH"));
            assertThat(browser.text(By.id("customer-name"))).isEqualTo("Acme Trading GmbH");
        }
    }

    @Test
    void switchingToChineseShowsChineseLabelsAndIsRemembered() {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.ritaToken());
            browser.go("/customers/" + seed.acme());
            browser.clickAndLoad(By.id("lang-zh"));
            assertThat(browser.path()).isEqualTo("/customers/" + seed.acme() + "?lang=zh-CN");
            assertThat(browser.text(By.cssSelector(".nav"))).contains("客户", "我的任务");
            assertThat(browser.text(By.id("customer-stage"))).isEqualTo("已报价");
            assertThat(browser.text(By.id("customer-grade"))).isEqualTo("A 级");
            assertThat(browser.text(By.cssSelector("#timeline h2"))).isEqualTo("时间线");
            assertThat(browser.texts(By.cssSelector("#timeline .activity-type"))).contains("邮件", "备注");
            assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
            browser.screenshot("customer-zh");

            browser.go("/tasks");
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("我的任务");
            assertThat(browser.text(By.cssSelector("#tasks tr.overdue"))).contains("已逾期", "高");
            assertThat(browser.text(By.cssSelector(".signout button"))).isEqualTo("退出登录");

            browser.go("/customers?q=acme");
            browser.clickAndLoad(By.id("lang-en"));
            assertThat(browser.path()).isEqualTo("/customers?q=acme&lang=en");
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Customers");
            assertThat(browser.texts(By.className("customer-link"))).containsExactly("Acme Trading GmbH");
        }
    }

    @Test
    void aChineseBrowserGetsChineseWithoutSwitching() {
        try (Browser browser = open("zh-CN,zh;q=0.9,en;q=0.5")) {
            browser.go("/signin");
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("登录跟进");
            browser.signIn("wrong");
            assertThat(browser.text(By.id("signin-error"))).isEqualTo("令牌无效，请检查后重试。");
        }
    }

    @Test
    void managerSeesTheTeamsCustomersButNotAnotherTeams() {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.miaToken());
            assertThat(browser.text(By.className("who-role"))).isEqualTo("Manager");
            browser.go("/customers?q=o");
            assertThat(browser.texts(By.className("customer-link")))
                    .contains("Berlin Bolts AG", "Osaka Optics KK").doesNotContain("Xenon Exports Ltd");
            browser.go("/customers/" + seed.osaka());
            assertThat(browser.text(By.id("customer-owner"))).isEqualTo("Oscar Other");
        }
    }

    @Test
    void repOpeningAnotherRepsCustomerGetsTheSameNotFoundPageAsForAMissingOne() throws Exception {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.ritaToken());
            browser.go("/customers/" + seed.osaka());
            assertThat(browser.text(By.cssSelector("#not-found h1"))).isEqualTo("Not found");
            assertThat(browser.text(By.className("who-name"))).isEqualTo("Rita Rep");
            assertThat(browser.driver.getPageSource()).doesNotContain("Osaka");
            browser.screenshot("not-found-en");
            browser.go("/customers/no-such-customer");
            assertThat(browser.text(By.cssSelector("#not-found h1"))).isEqualTo("Not found");

            String session = browser.cookie("SESSION");
            assertThat(statusOf("/customers/" + seed.osaka(), session)).isEqualTo(404);
            assertThat(statusOf("/customers/no-such-customer", session)).isEqualTo(404);
            assertThat(statusOf("/customers/" + seed.acme(), session)).isEqualTo(200);
        }
    }

    @Test
    void signingOutEndsTheSession() {
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(seed.ritaToken());
            browser.clickAndLoad(By.cssSelector(".signout button"));
            assertThat(browser.text(By.id("signed-out"))).isEqualTo("You have signed out.");
            browser.go("/tasks");
            browser.visible(By.id("token"));
            assertThat(browser.path()).startsWith("/signin");
            assertThat(browser.driver.findElements(By.className("who-name"))).isEmpty();
        }
    }

    private Browser open(String acceptLanguage) {
        return Browser.open("http://localhost:" + port, acceptLanguage);
    }

    private int statusOf(String path, String session) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Cookie", "SESSION=" + session).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String shanghai(Instant at) {
        return new Times(java.time.ZoneId.of("Asia/Shanghai")).dateTime(at);
    }

    /**
     * One team (manager Mia, reps Rita and Oscar) and an outsider, Xavier, in no team. Rita owns Acme
     * (15 activities, tasks), Berlin Bolts and twelve leads; Oscar owns Osaka; Xavier owns Xenon.
     */
    record Seed(String ritaToken, String miaToken, String acme, String osaka) {
        static Seed into(CrmStore store) {
            User mia = store.users().create("Mia Manager", List.of("mia@genjin.test"), Role.MANAGER, null, null, "en");
            String team = store.users().createTeam("Export East", mia.id()).id();
            mia = store.users().save(new User(mia.id(), mia.name(), mia.addresses(), mia.role(), team, null, "en",
                    mia.createdAt()));
            User rita = store.users().create("Rita Rep", List.of("rita@genjin.test"), Role.REP, team, mia.id(), "en");
            User oscar = store.users().create("Oscar Other", List.of("oscar@genjin.test"), Role.REP, team, mia.id(), "en");
            User xavier = store.users().create("Xavier Outside", List.of("x@genjin.test"), Role.REP, null, null, "en");

            Company acme = store.companies().insert(company("Acme Trading GmbH", List.of("acme-trading.de", "acme.example"),
                    Grade.A, Stage.QUOTED, rita.id(), NOW.minus(1, ChronoUnit.HOURS), NOW.minus(3, ChronoUnit.HOURS)));
            Company berlin = store.companies().insert(company("Berlin Bolts AG", List.of("berlin-bolts.de"), Grade.B,
                    Stage.SAMPLE, rita.id(), NOW.minus(2, ChronoUnit.DAYS), null));
            for (int i = 1; i <= 12; i++) {
                store.companies().insert(company("Rita Lead %02d".formatted(i), List.of("lead%02d.example".formatted(i)),
                        Grade.C, Stage.LEAD, rita.id(), null, null));
            }
            Company osaka = store.companies().insert(company("Osaka Optics KK", List.of("osaka-optics.jp"), Grade.B,
                    Stage.NEGOTIATION, oscar.id(), NOW.minus(5, ChronoUnit.DAYS), null));
            store.companies().insert(company("Xenon Exports Ltd", List.of("xenon.example"), Grade.A, Stage.WON,
                    xavier.id(), NOW.minus(1, ChronoUnit.DAYS), null));

            store.contacts().insert(new Contact(Ids.newId(), "Hans Müller", List.of("hans@acme-trading.de"),
                    List.of("+49 30 1234567"), "Head of Purchasing", acme.id(), rita.id(), false, null, NOW));

            // Oldest first: the inquiry, a stage move, then eleven emails and two notes, newest an inbound reply.
            activity(store, acme, ActivityType.EMAIL, NOW.minus(30, ChronoUnit.DAYS), rita, "First inquiry about M8 bolts",
                    "Please quote 20,000 pcs.", Map.of("direction", "INBOUND"));
            activity(store, acme, ActivityType.STAGE_CHANGE, NOW.minus(29, ChronoUnit.DAYS), rita, "INQUIRY → QUOTED",
                    null, Map.of("from", "INQUIRY", "to", "QUOTED"));
            for (int i = 1; i <= 11; i++) {
                boolean inbound = i % 2 == 1;
                activity(store, acme, ActivityType.EMAIL, NOW.minus(25 - 2L * i, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS),
                        rita, (inbound ? "RE: " : "") + "Quotation Q-2026-%03d".formatted(i),
                        i == 11 ? "Can you do 3% less?" : "Message " + i, Map.of("direction", inbound ? "INBOUND" : "OUTBOUND"));
            }
            activity(store, acme, ActivityType.NOTE, NOW.minus(20, ChronoUnit.DAYS), rita, "Visited at the Canton Fair",
                    null, Map.of());
            activity(store, acme, ActivityType.NOTE, NOW.minus(4, ChronoUnit.DAYS), rita, "Prefers WeChat",
                    "<b>not bold</b> & friendly", Map.of());

            task(store, acme, rita, "Send the revised quotation", Priority.HIGH, NOW.minus(1, ChronoUnit.DAYS));
            task(store, berlin, rita, "Call about the sample", Priority.NORMAL, NOW.plus(2, ChronoUnit.DAYS));
            task(store, osaka, oscar, "Oscar's follow-up", Priority.NORMAL, NOW.plus(1, ChronoUnit.DAYS));

            return new Seed(store.apiTokens().issue(rita.id(), "ui-test").secret(),
                    store.apiTokens().issue(mia.id(), "ui-test").secret(), acme.id(), osaka.id());
        }

        private static Company company(String name, List<String> domains, Grade grade, Stage stage, String ownerId,
                Instant lastIn, Instant lastOut) {
            return new Company(Ids.newId(), name, null, domains, "DE", null, grade, stage, ownerId, Set.of(), false,
                    lastIn, lastOut, null, NOW.minus(60, ChronoUnit.DAYS), null);
        }

        private static void activity(CrmStore store, Company company, ActivityType type, Instant at, User actor,
                String title, String body, Map<String, String> attributes) {
            store.timeline().append(new Activity(Ids.newId(), company.id(), type, at, actor.id(), List.of(), title, body,
                    null, attributes, at));
        }

        private static void task(CrmStore store, Company company, User assignee, String title, Priority priority,
                Instant due) {
            store.tasks().insert(new Task(Ids.newId(), company.id(), title, null, TaskType.FOLLOW_UP, priority, due,
                    assignee.id(), TaskStatus.OPEN, null, null, null, null, null, assignee.id(), NOW, null));
        }
    }
}
