package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.search.MailSearch;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Searching from the header's box over mail ingested through the pipeline: a rep finds their own
 * mail (Chinese inside a run of text, English in another form), marked but never rendered as HTML,
 * and not a teammate's; their manager finds both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=ui-search-admin-token-0123456789abcdef", "server.address=127.0.0.1",
                "genjin.ui.time-zone=UTC", "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class SearchInChromiumTest extends ChromiumAppTest {
    private static final String ENGLISH = "en-US,en";

    @Autowired
    MailSearch index;

    private Person manager;
    private Person rep;
    private Person teammate;
    private Customer acme;
    private Customer beta;

    @BeforeEach
    void people() {
        Seed seed = new Seed(store);
        Team team = seed.team("Search UI team " + System.nanoTime());
        manager = seed.person("Mia Manager", Role.MANAGER, team, null);
        rep = seed.person("Ray Rep", Role.REP, team, manager.user());
        teammate = seed.person("Tess Teammate", Role.REP, team, manager.user());
        acme = seed.customer("Acme Search", "acme-search.example", rep.user());
        beta = seed.customer("Beta Search", "beta-search.example", teammate.user());
    }

    @Test
    void aRepFindsTheirOwnMailFromTheHeaderAndTheirManagerFindsTheTeams() {
        IngestResult own = ingestAs(rep.id(), """
                Message-ID: <s1@acme-search.example>
                Date: Mon, 02 Mar 2026 08:00:00 +0000
                From: Anna Buyer <buyer@acme-search.example>
                To: <%s>
                Subject: Quotations <img src=x id=injected> spring
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                您好，请查收报价单 <b id="bold">not bold</b> 谢谢。
                """.formatted(rep.user().addresses().get(0)));
        ingestAs(teammate.id(), """
                Message-ID: <s2@beta-search.example>
                Date: Tue, 03 Mar 2026 08:00:00 +0000
                From: Ben Buyer <buyer@beta-search.example>
                To: <%s>
                Subject: 报价单 Beta
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                请查收报价单，谢谢。
                """.formatted(teammate.user().addresses().get(0)));
        assertThat(own.companyId()).isEqualTo(acme.id());
        await().atMost(Duration.ofSeconds(30)).until(index::idle);

        try (Browser browser = Browser.open(base(), ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/tasks");
            search(browser, "报价单");
            assertThat(browser.texts(By.cssSelector("#mail-results .mail-result-subject")))
                    .containsExactly("Quotations <img src=x id=injected> spring");
            assertThat(browser.text(By.cssSelector("#mail-results h2"))).isEqualTo("Mail (1 found)");
            assertThat(browser.texts(By.cssSelector("#mail-results .search-snippet mark"))).containsExactly("报价单");
            assertThat(browser.text(By.cssSelector("#mail-results .search-snippet"))).contains("<b id=\"bold\">not bold</b>");
            assertThat(browser.driver.findElements(By.id("injected"))).isEmpty();
            assertThat(browser.driver.findElements(By.id("bold"))).isEmpty();
            assertThat(browser.visible(By.id("header-search")).getAttribute("value")).isEqualTo("报价单");
            browser.screenshot("search-rep-en");

            browser.clickAndLoad(By.cssSelector("#mail-results .mail-result-subject"));
            assertThat(browser.path()).isEqualTo("/messages/" + own.storedId());

            search(browser, "quotation");
            assertThat(browser.texts(By.cssSelector("#mail-results .mail-result-subject mark"))).containsExactly("Quotations");
            assertThat(browser.texts(By.cssSelector("#customer-results a"))).isEmpty();

            search(browser, "acme-search.example");
            assertThat(browser.texts(By.cssSelector("#customer-results .customer-result > a:first-child")))
                    .containsExactly("Acme Search");

            search(browser, "报价单 AND");
            assertThat(browser.text(By.id("problem"))).contains("This search cannot be read");
            browser.go("/search?q=" + enc("报价单") + "&lang=zh-CN");
            assertThat(browser.text(By.cssSelector("#mail-results h2"))).isEqualTo("邮件（找到 1 封）");
        }

        try (Browser browser = Browser.open(base(), ENGLISH)) {
            browser.signIn(manager.token());
            search(browser, "报价单");
            assertThat(browser.texts(By.cssSelector("#mail-results .mail-result-subject")))
                    .containsExactlyInAnyOrder("Quotations <img src=x id=injected> spring", "报价单 Beta");
            browser.go("/search?q=" + enc("报价单") + "&customer=" + beta.id());
            assertThat(browser.texts(By.cssSelector("#mail-results .mail-result-subject"))).containsExactly("报价单 Beta");
            assertThat(browser.text(By.id("search-customer"))).contains("Only mail of Beta Search");
            browser.screenshot("search-manager-en");
        }
    }

    private static void search(Browser browser, String text) {
        var box = browser.visible(By.id("header-search"));
        box.clear();
        box.sendKeys(text);
        var old = browser.driver.findElement(By.tagName("html"));
        box.sendKeys(Keys.ENTER);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            try {
                old.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException replaced) {
                return true;
            }
        });
        browser.visible(By.tagName("footer"));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
