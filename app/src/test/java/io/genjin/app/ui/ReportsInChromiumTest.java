package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.Ids;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report dashboards in headless Chromium. The pages are the real app's; the reports API they read
 * answers from {@link FakeReportsApi} (its fixture). Every check compares the page with the JSON the
 * API gives for the same parameters, asked from the same browser session, never with the fixture
 * itself, so the class runs unchanged against the real API ({@code genjin.test.fake-reports-api=never}
 * in a subclass's properties, with data seeded so that each figure is non-trivial).
 *
 * <p>Checks: the charts are drawn (an ECharts SVG in each chart box) with nothing at error level in the
 * console; every figure, leaderboard, funnel, coverage, RFM and daily number equals the JSON; a number
 * opens its drill-down listing the items behind it, page after page; the period picker and the filters
 * go into the URL and into the API requests; a rep is sent to their own dashboard and may not open a
 * colleague's; axe finds nothing serious on the dashboard and the drill-down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-reports-admin-token-0123456789abcdef-xyz",
                "genjin.ui.time-zone=UTC", "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@Import(FakeReportsApi.Wiring.class)
@DirtiesContext
class ReportsInChromiumTest extends ChromiumAppTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> CHARTS = List.of("chart-daily", "chart-first-response", "chart-funnel",
            "chart-coverage", "chart-rfm", "chart-countries");
    private static String axe;

    Team team;
    Person manager;
    Person amy;
    Person bo;

    @BeforeAll
    static void axeInstalled() throws Exception {
        axe = EveryPageInChromiumTest.Axe.script();
    }

    @BeforeEach
    void aTeamWithTwoReps() {
        Seed seed = new Seed(store);
        team = seed.team("Export team " + Ids.newId().substring(18));
        manager = seed.person("Mia Manager", Role.MANAGER, team, null);
        amy = seed.person("Amy Chen", Role.REP, team, manager.user());
        bo = seed.person("Bo Wang", Role.REP, team, manager.user());
        seed.customer("Nordhafen Lighting GmbH", "nordhafen-" + Ids.newId().substring(18) + ".example", amy.user());
        seed.customer("Lumen Trading", "lumen-" + Ids.newId().substring(18) + ".example", bo.user());
    }

    @Test
    void theTeamDashboardShowsTheApiNumbersDrawsItsChartsAndDrillsDown() {
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(manager.token());
            assertThat(browser.text(By.id("nav-reports"))).isEqualTo("Reports");
            browser.clickAndLoad(By.id("nav-reports"));
            assertThat(browser.path()).isEqualTo("/reports");
            loaded(browser, "reports");

            String query = "team=" + team.id();
            assertThat(apiRequests(browser)).contains("/reports/data/activity?" + query, "/reports/data/funnel?" + query,
                    "/reports/data/coverage?" + query, "/reports/data/rfm?" + query);
            chartsDrawn(browser);
            assertThat(consoleErrors(browser)).isEmpty();
            assertThat(EveryPageInChromiumTest.Axe.violations(browser, axe)).isEmpty();

            Map<String, Object> activity = api(browser, "/reports/data/activity?" + query);
            figuresMatch(browser, activity, Locale.ENGLISH);
            leaderboardMatches(browser, activity, Locale.ENGLISH);
            dailyMatches(browser, activity, Locale.ENGLISH);
            funnelMatches(browser, api(browser, "/reports/data/funnel?" + query));
            coverageMatches(browser, api(browser, "/reports/data/coverage?" + query));
            rfmMatches(browser, api(browser, "/reports/data/rfm?" + query), Locale.ENGLISH);
            browser.screenshot("reports-team-en");

            // The download links ask the same reports with the same parameters (the files: ExportLinksTest).
            assertThat(browser.visible(By.id("export-activity-csv")).getDomAttribute("href"))
                    .isEqualTo("/reports/data/activity.csv?" + query + "&lang=en");
            assertThat(browser.visible(By.id("export-rfm-xlsx")).getDomAttribute("href"))
                    .isEqualTo("/reports/data/rfm.xlsx?" + query + "&lang=en");

            // A number opens the items behind it, with the same parameters, a page at a time.
            WebElement sent = browser.visible(By.cssSelector("tr[data-path='sent.total'] .current a"));
            assertThat(sent.getDomAttribute("href")).isEqualTo("/reports/items?figure=sent.total&" + query);
            browser.clickAndLoad(sent);
            drillDownMatches(browser, "figure=sent.total&" + query, number(activity, "total.sent.total"));
            assertThat(browser.visible(By.id("export-items-xlsx")).getDomAttribute("href"))
                    .isEqualTo("/reports/data/items.xlsx?figure=sent.total&" + query + "&lang=en");
            assertThat(EveryPageInChromiumTest.Axe.violations(browser, axe)).isEmpty();
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Emails sent");
            browser.screenshot("reports-items-en");

            // The previous period's number opens the previous period's items.
            browser.clickAndLoad(By.id("report-back"));
            loaded(browser, "reports");
            WebElement before = browser.visible(By.cssSelector("tr[data-path='tasks.overdue'] .previous a"));
            browser.clickAndLoad(before);
            drillDownMatches(browser, "figure=tasks.overdue&" + query + "&side=previous",
                    number(activity, "totalPrevious.tasks.overdue"));

            // A rep's number in the leaderboard drills down to that rep.
            browser.go("/reports");
            loaded(browser, "reports");
            browser.clickAndLoad(By.cssSelector("#leaderboard-table tr[data-rep='" + bo.id() + "'] td:nth-child(5) a"));
            assertThat(browser.path()).contains("figure=quotationsSent").contains("rep=" + bo.id());
            loaded(browser, "report-items");

            // The period picker and the filters go into the URL and into the API's requests.
            browser.go("/reports");
            loaded(browser, "reports");
            new Select(browser.visible(By.id("f-period"))).selectByValue("month");
            browser.driver.executeScript("arguments[0].value = '2026-11-15'", browser.visible(By.id("f-date")));
            browser.visible(By.cssSelector("input[name=grade][value=A]")).click();
            browser.visible(By.id("f-country")).sendKeys("DE");
            browser.visible(By.cssSelector("input[name=stage][value=quoted]")).click();
            browser.clickAndLoad(By.id("report-apply"));
            assertThat(browser.path()).contains("period=month").contains("date=2026-11-15").contains("grade=A")
                    .contains("country=DE").contains("stage=quoted").contains("team=" + team.id());
            loaded(browser, "reports");
            String filtered = "period=month&date=2026-11-15&team=" + team.id() + "&grade=A&country=DE&stage=quoted";
            assertThat(apiRequests(browser)).contains("/reports/data/activity?" + filtered);
            Map<String, Object> month = api(browser, "/reports/data/activity?" + filtered);
            assertThat(browser.text(By.id("report-period"))).startsWith(
                    text(month, "period.from") + " – " + text(month, "period.to"));
            figuresMatch(browser, month, Locale.ENGLISH);
            assertThat(browser.visible(By.cssSelector("tr[data-path='newLeads'] .current a")).getDomAttribute("href"))
                    .isEqualTo("/reports/items?figure=newLeads&" + filtered);

            browser.clickAndLoad(By.id("period-previous"));
            loaded(browser, "reports");
            assertThat(browser.path()).contains("date=2026-10-15").contains("grade=A");
            assertThat(apiRequests(browser)).anySatisfy(r -> assertThat(r).startsWith("/reports/data/activity?")
                    .contains("period=month").contains("date=2026-10-15").contains("country=DE"));

            // The leaderboard sorts by another column.
            browser.visible(By.cssSelector("#leaderboard-table th[data-sort='customersTouched'] button")).click();
            Map<String, Object> october = api(browser, "/reports/data/activity?" + apiRequests(browser).stream()
                    .filter(r -> r.startsWith("/reports/data/activity?")).reduce((a, b) -> b).orElseThrow()
                    .substring("/reports/data/activity?".length()));
            assertThat(leaderboardNames(browser)).containsExactlyElementsOf(
                    sortedNames(october, r -> number(r, "current.customersTouched")));
            assertThat(browser.visible(By.cssSelector("#leaderboard-table th[data-sort='customersTouched']"))
                    .getDomAttribute("aria-sort")).isEqualTo("descending");
        }
    }

    @Test
    void aRepIsSentToTheirOwnDashboardInChineseAndMayNotOpenAColleagues() {
        try (Browser browser = Browser.open(base(), "zh-CN,zh")) {
            browser.signIn(amy.token());
            assertThat(browser.text(By.id("nav-reports"))).isEqualTo("我的报表");
            browser.go("/reports?period=day&date=2026-11-24");
            assertThat(browser.path()).isEqualTo("/reports/reps/" + amy.id() + "?period=day&date=2026-11-24");
            loaded(browser, "reports");
            String query = "period=day&date=2026-11-24&rep=" + amy.id();
            assertThat(apiRequests(browser)).contains("/reports/data/activity?" + query);
            assertThat(apiRequests(browser)).noneMatch(r -> r.contains("team="));
            chartsDrawn(browser);
            assertThat(consoleErrors(browser)).isEmpty();
            assertThat(browser.text(By.id("figures-heading"))).isEqualTo("本期与上期");
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Amy Chen 的报表");
            Map<String, Object> activity = api(browser, "/reports/data/activity?" + query);
            figuresMatch(browser, activity, Locale.SIMPLIFIED_CHINESE);
            rfmMatches(browser, api(browser, "/reports/data/rfm?date=2026-11-24&rep=" + amy.id()), Locale.SIMPLIFIED_CHINESE);
            assertThat(EveryPageInChromiumTest.Axe.violations(browser, axe)).isEmpty();
            browser.screenshot("reports-rep-zh");

            browser.go("/reports/reps/" + bo.id());
            Object status = browser.driver.executeScript(
                    "return performance.getEntriesByType('navigation')[0].responseStatus;");
            assertThat(((Number) status).intValue()).isEqualTo(403);
        }
    }

    // --- what the page shows against what the API says

    private void figuresMatch(Browser browser, Map<String, Object> activity, Locale locale) {
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#figures tr.figure-row"));
        assertThat(rows).hasSizeGreaterThan(20);
        for (WebElement row : rows) {
            String path = row.getDomAttribute("data-path");
            String format = row.getDomAttribute("data-format");
            assertThat(row.findElement(By.cssSelector(".current a")).getText()).as("this period's " + path)
                    .isEqualTo(shown(value(activity, "total." + path), format, locale));
            assertThat(row.findElement(By.cssSelector(".previous a")).getText()).as("the previous period's " + path)
                    .isEqualTo(shown(value(activity, "totalPrevious." + path), format, locale));
            Object now = value(activity, "total." + path);
            Object then = value(activity, "totalPrevious." + path);
            if (now instanceof Number n && then instanceof Number p) {
                String arrow = n.doubleValue() > p.doubleValue() ? "▲" : n.doubleValue() < p.doubleValue() ? "▼" : "＝";
                assertThat(row.findElement(By.cssSelector(".delta")).getText()).as("change of " + path).startsWith(arrow);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void leaderboardMatches(Browser browser, Map<String, Object> activity, Locale locale) {
        assertThat(leaderboardNames(browser)).containsExactlyElementsOf(sortedNames(activity, r -> number(r, "current.sent.total")));
        for (Map<String, Object> rep : (List<Map<String, Object>>) activity.get("reps")) {
            List<String> cells = browser.texts(By.cssSelector("#leaderboard-table tr[data-rep='" + rep.get("userId") + "'] td"));
            assertThat(cells).containsExactly(shown(value(rep, "current.sent.total"), "count", locale),
                    shown(value(rep, "current.customersTouched"), "count", locale),
                    shown(value(rep, "current.firstResponse.medianMinutes"), "minutes", locale),
                    shown(value(rep, "current.quotationsSent"), "count", locale));
        }
    }

    @SuppressWarnings("unchecked")
    private void dailyMatches(Browser browser, Map<String, Object> activity, Locale locale) {
        List<Map<String, Object>> daily = (List<Map<String, Object>>) activity.get("daily");
        browser.visible(By.cssSelector("#daily summary")).click();
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#daily-table tbody tr"));
        assertThat(rows).hasSize(daily.size());
        for (int i = 0; i < daily.size(); i++) {
            Map<String, Object> day = daily.get(i);
            assertThat(rows.get(i).getText()).isEqualTo(day.get("date") + " " + shown(day.get("sent"), "count", locale) + " "
                    + shown(day.get("received"), "count", locale) + " " + shown(day.get("quotationsSent"), "count", locale));
            assertThat(rows.get(i).findElement(By.cssSelector("td a")).getDomAttribute("href"))
                    .contains("figure=sent.total").contains("period=day").contains("date=" + day.get("date"));
        }
    }

    @SuppressWarnings("unchecked")
    private void funnelMatches(Browser browser, Map<String, Object> funnel) {
        for (Map<String, Object> stage : (List<Map<String, Object>>) funnel.get("stages")) {
            WebElement reached = browser.visible(By.cssSelector("#funnel-table tr[data-stage='" + stage.get("stage") + "'] .reached a"));
            assertThat(reached.getText()).as("reached " + stage.get("stage")).isEqualTo(shown(stage.get("reached"), "count", Locale.ENGLISH));
            assertThat(reached.getDomAttribute("href")).contains("figure=funnel." + stage.get("stage"));
        }
    }

    @SuppressWarnings("unchecked")
    private void coverageMatches(Browser browser, Map<String, Object> coverage) {
        for (Map<String, Object> rep : (List<Map<String, Object>>) coverage.get("reps")) {
            assertThat(browser.texts(By.cssSelector("#coverage-table tr[data-rep='" + rep.get("userId") + "'] td")))
                    .containsExactly(shown(rep.get("abCustomers"), "count", Locale.ENGLISH),
                            shown(rep.get("twoWay"), "count", Locale.ENGLISH), shown(rep.get("coverage"), "share", Locale.ENGLISH));
        }
        for (String band : List.of("d30", "d60", "d90")) {
            assertThat(browser.text(By.cssSelector("#silent-bands dd[data-band='" + band + "'] a")))
                    .isEqualTo(shown(value(coverage, "silent." + band), "count", Locale.ENGLISH));
        }
        List<Map<String, Object>> silent = (List<Map<String, Object>>) coverage.get("silentCustomers");
        List<WebElement> links = browser.driver.findElements(By.cssSelector("#silent-table tbody th a"));
        assertThat(links).extracting(WebElement::getText)
                .containsExactlyElementsOf(silent.stream().map(c -> (String) c.get("name")).toList());
        assertThat(links).extracting(a -> a.getDomAttribute("href"))
                .containsExactlyElementsOf(silent.stream().map(c -> "/customers/" + c.get("companyId")).toList());
    }

    @SuppressWarnings("unchecked")
    private void rfmMatches(Browser browser, Map<String, Object> rfm, Locale locale) {
        List<Map<String, Object>> segments = (List<Map<String, Object>>) rfm.get("segments");
        assertThat(segments).extracting(s -> s.get("segment")).as("the segments the reports module names")
                .containsExactlyInAnyOrder(java.util.Arrays.stream(io.genjin.reports.rfm.Segment.values()).map(Enum::name).toArray());
        for (Map<String, Object> s : segments) {
            String row = "#rfm-table tr[data-segment='" + s.get("segment") + "'] ";
            assertThat(browser.text(By.cssSelector(row + ".segment-zh"))).isEqualTo(s.get("label"));
            assertThat(browser.text(By.cssSelector(row + ".segment-en"))).isEqualTo(s.get("labelEn"));
            assertThat(browser.text(By.cssSelector(row + ".customers a"))).isEqualTo(shown(s.get("customers"), "count", locale));
        }
        List<Map<String, Object>> countries = (List<Map<String, Object>>) rfm.get("countries");
        assertThat(browser.driver.findElements(By.cssSelector("#country-table tbody tr")))
                .extracting(r -> r.getDomAttribute("data-country"))
                .containsExactlyElementsOf(countries.stream().map(c -> (String) c.get("country")).toList());
    }

    @SuppressWarnings("unchecked")
    private void drillDownMatches(Browser browser, String query, double shownCount) {
        assertThat(browser.path()).isEqualTo("/reports/items?" + query);
        loaded(browser, "report-items");
        Map<String, Object> first = api(browser, "/reports/data/items?" + query);
        assertThat(number(first, "count")).as("the drill-down's count is the number shown").isEqualTo(shownCount);
        assertThat(browser.visible(By.id("items-count")).getDomAttribute("data-count"))
                .isEqualTo(String.valueOf(((Number) first.get("count")).longValue()));
        List<Map<String, Object>> items = new ArrayList<>((List<Map<String, Object>>) first.get("items"));
        assertThat(itemLinks(browser)).containsExactlyElementsOf(items.stream().map(i -> (String) i.get("url")).toList());
        Object next = first.get("next");
        while (next != null) {
            int before = items.size();
            Map<String, Object> page = api(browser, "/reports/data/items?" + query + "&after=" + next);
            items.addAll((List<Map<String, Object>>) page.get("items"));
            browser.visible(By.id("items-more")).click();
            browser.wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr.item")).size() > before);
            next = page.get("next");
        }
        assertThat(itemLinks(browser)).containsExactlyElementsOf(items.stream().map(i -> (String) i.get("url")).toList());
        assertThat(browser.driver.findElement(By.id("items-more")).isDisplayed()).isFalse();
        if (shownCount <= 500) {
            assertThat(items).hasSize((int) shownCount);
        }
    }

    private static List<String> itemLinks(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> hrefs = (List<String>) browser.driver.executeScript(
                "return [...document.querySelectorAll('#items-table tbody tr.item th a')].map(a => a.getAttribute('href'));");
        return hrefs;
    }

    private static List<String> leaderboardNames(Browser browser) {
        return browser.texts(By.cssSelector("#leaderboard-table tbody th"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> sortedNames(Map<String, Object> activity, ToDoubleFunction<Map<String, Object>> key) {
        return ((List<Map<String, Object>>) activity.get("reps")).stream()
                .sorted(Comparator.comparingDouble(key).reversed().thenComparing(r -> (String) r.get("name")))
                .map(r -> (String) r.get("name")).toList();
    }

    // --- the browser

    private static void loaded(Browser browser, String rootId) {
        try {
            browser.wait.until(d -> d.findElement(By.id(rootId)).getDomAttribute("data-loaded") != null);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page never finished loading: " + browser.driver.findElement(By.tagName("main"))
                    .getText().lines().limit(8).toList() + ", console: " + consoleErrors(browser), e);
        }
        assertThat(browser.driver.findElement(By.id(rootId)).getDomAttribute("data-loaded"))
                .as("loaded without errors: %s; status: %s; console: %s",
                        browser.driver.findElement(By.tagName("main")).getText().lines().limit(12).toList(),
                        browser.driver.findElements(By.cssSelector("[role=status], .status")).stream()
                                .map(e -> e.getDomProperty("textContent")).toList(), consoleErrors(browser))
                .isEqualTo("done");
    }

    private static void chartsDrawn(Browser browser) {
        for (String chart : CHARTS) {
            assertThat(browser.driver.findElements(By.cssSelector("#" + chart + " svg path"))).as(chart + " drawn").isNotEmpty();
        }
    }

    private static List<String> consoleErrors(Browser browser) {
        return browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(e -> e.getMessage()).toList();
    }

    /** The reports API requests this page made, path and query. */
    @SuppressWarnings("unchecked")
    private static List<String> apiRequests(Browser browser) {
        List<String> urls = (List<String>) browser.driver.executeScript("""
                return performance.getEntriesByType('resource').map(r => r.name)
                    .filter(n => n.includes('/reports/data/'));""");
        return urls.stream().map(u -> u.replaceFirst("^https?://[^/]+", "")).toList();
    }

    /** The API's answer, asked from the browser's own session. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> api(Browser browser, String path) {
        Object body = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {headers: {Accept: 'application/json'}})
                  .then(r => r.text()).then(done, e => done('failed: ' + e));""", path);
        return JSON.readValue(String.valueOf(body), Map.class);
    }

    // --- how the page writes numbers (reports.js)

    private static String shown(Object value, String format, Locale locale) {
        if (!(value instanceof Number number)) {
            return "–";
        }
        NumberFormat numbers = NumberFormat.getInstance(locale);
        numbers.setMaximumFractionDigits(3);
        return switch (format) {
            case "share" -> Math.round(number.doubleValue() * 100) + "%";
            case "minutes" -> number.doubleValue() >= 120
                    ? numbers.format(Math.round(number.doubleValue() / 6) / 10.0) + " " + (locale.getLanguage().equals("zh") ? "小时" : "h")
                    : numbers.format(Math.round(number.doubleValue())) + " " + (locale.getLanguage().equals("zh") ? "分钟" : "min");
            default -> numbers.format(number.longValue());
        };
    }

    private static Object value(Map<String, Object> json, String dotted) {
        return FakeReportsApi.path(json, dotted);
    }

    private static double number(Map<String, Object> json, String dotted) {
        return ((Number) value(json, dotted)).doubleValue();
    }

    private static String text(Map<String, Object> json, String dotted) {
        return String.valueOf(value(json, dotted));
    }
}
