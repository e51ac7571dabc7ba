package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.Seed.Person;
import io.genjin.tracking.TrackHits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every page a rep, a manager and an admin can reach from the navigation, opened in headless
 * Chromium on data the product's own flows made (mail ingested, a stage change raising tasks, a
 * quick log with its follow-up, an order, a quotation opened by a person): each must answer below
 * 400, write nothing to the console at error level, load every resource it asks for, and show axe
 * no serious or critical accessibility violation ({@link PageCrawl}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-crawl-admin-token-0123456789abcdef-xyz",
                "genjin.ui.time-zone=UTC", "genjin.tracking.delivery-window=0s", "genjin.tracking.session-gap=1ms",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error",
                // The report dashboards read /api/reports: the fake answers only while the app has none of its own.
                "genjin.test.fake-reports-api=when-missing"})
@Import(FakeReportsApi.Wiring.class)
@DirtiesContext
class EveryPageInChromiumTest extends ChromiumAppTest {
    private static String axe;

    @Autowired
    TrackHits hits;

    // Made once for the class (the app and its store live as long as the class does).
    private static TeamWeek week;

    @BeforeAll
    static void axeInstalled() throws IOException {
        axe = Axe.script();
    }

    @BeforeEach
    void aTeamsWeekOfMail() throws Exception {
        if (week == null) {
            week = TeamWeek.make(this, hits);
        }
    }

    /**
     * One language per role: the rep and the admin in Chinese, the manager in English. Every page is one
     * template for both languages, and the admin's and the manager's crawls reach every page a rep does.
     */
    @Test
    void everyPageARepReaches() {
        assertCrawl(week.rep(), "zh-CN,zh", 6);
    }

    @Test
    void everyPageAManagerReaches() {
        assertCrawl(week.manager(), "en-US,en", 6);
    }

    @Test
    void everyPageAnAdminReaches() {
        assertCrawl(week.admin(), "zh-CN,zh", 6);
    }

    /** The error pages are reached by mistake, not by links, so the crawl never opens them. */
    @Test
    void theNotFoundPageIsAccessibleInBothLanguages() {
        for (String language : java.util.List.of("en-US,en", "zh-CN,zh")) {
            try (Browser browser = Browser.open(base(), language)) {
                browser.signIn(week.rep().token());
                browser.driver.get(base() + "/customers/no-such-page/really");
                assertThat(browser.driver.findElement(org.openqa.selenium.By.cssSelector(".error-code")).getText())
                        .isEqualTo("404");
                assertThat(Axe.violations(browser, axe)).as("axe on the 404 page, %s", language).isEmpty();
            }
        }
    }

    private void assertCrawl(Person who, String language, int minimumPages) {
        try (Browser browser = Browser.open(base(), language)) {
            browser.signIn(who.token());
            PageCrawl.Report report = new PageCrawl(browser, base(), axe).crawl("/customers");
            report.print(who.user().role() + " " + language);
            assertThat(report.visited()).as("pages visited").hasSizeGreaterThanOrEqualTo(minimumPages);
            assertThat(report.problems()).as("problems on the pages a %s reaches", who.user().role()).isEmpty();
        }
    }

    /** axe-core from web/node_modules (scripts/install-web-deps); missing skips, except on CI. */
    static final class Axe {
        static String script() throws IOException {
            Path file = Path.of("..", "web", "node_modules", "axe-core", "axe.min.js");
            if (!Files.isRegularFile(file) && "true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but axe-core is missing: run scripts/install-web-deps");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file),
                    "axe-core is not installed (scripts/install-web-deps installs it)");
            return Files.readString(file);
        }

        /** The serious and critical accessibility violations on the browser's page, one line each. */
        static java.util.List<String> violations(Browser browser, String script) {
            browser.driver.executeScript(script);
            Object violations = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']})
                      .then(r => done(r.violations
                          .filter(v => v.impact === 'serious' || v.impact === 'critical')
                          .map(v => v.impact + ' ' + v.id + ' (' + v.help + '): '
                              + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                      .catch(e => done(['axe failed: ' + e]));""");
            java.util.List<String> found = new java.util.ArrayList<>();
            if (violations instanceof java.util.List<?> list) {
                list.forEach(v -> found.add(String.valueOf(v)));
            }
            return found;
        }
    }
}
