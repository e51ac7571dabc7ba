package io.genjin.app.ui;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Opens every page reachable by links from a start page, the way a person clicking through the
 * navigation would, and writes down what is wrong with each: an answer of 400 or more (the page or
 * any resource it loaded, from the browser's own resource timing), a console message at error level,
 * and axe-core violations of serious or critical impact. Downloads, the sign-out, the API and
 * tracking links are not pages and are left out; pages that differ only by an id are sampled.
 */
final class PageCrawl {
    /** Paths that are not pages a person reads: files, the API, tracking redirects, the mail frame. */
    private static final Pattern NOT_A_PAGE = Pattern.compile(
            "^/(api|t|u|css|js|img|actuator)/.*|.*/(attachments/\\d+|original|body)$|^/sign(in|out).*");
    private static final Pattern ID_SEGMENT = Pattern.compile("/(?=[0-9a-fA-F-]*\\d)[0-9a-fA-F-]{6,}(?=/|$)");
    private static final int PAGES_PER_SHAPE = 2;
    private static final int MAX_PAGES = 120;

    private final Browser browser;
    private final String base;
    private final String axe;

    PageCrawl(Browser browser, String base, String axe) {
        this.browser = browser;
        this.base = base;
        this.axe = axe;
    }

    record Report(List<String> visited, List<String> problems) {
        void print(String who) {
            System.out.println("page crawl as " + who + ": " + visited.size() + " pages, " + problems.size()
                    + " problems\n  " + String.join("\n  ", visited));
        }
    }

    Report crawl(String start) {
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> perShape = new HashMap<>();
        List<String> visited = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        while (!queue.isEmpty() && visited.size() < MAX_PAGES) {
            String path = queue.removeFirst();
            browser.go(path);
            visited.add(path);
            problems.addAll(check(path));
            for (String link : links()) {
                String shape = ID_SEGMENT.matcher(link.replaceFirst("\\?.*", "")).replaceAll("/{id}");
                if (seen.add(link) && perShape.merge(shape, 1, Integer::sum) <= PAGES_PER_SHAPE) {
                    queue.addLast(link);
                }
            }
        }
        return new Report(visited, problems);
    }

    private List<String> check(String path) {
        List<String> problems = new ArrayList<>();
        Object status = browser.driver.executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;");
        if (status instanceof Number n && n.intValue() >= 400) {
            problems.add(path + ": answered " + n.intValue());
        }
        @SuppressWarnings("unchecked")
        List<List<Object>> failed = (List<List<Object>>) browser.driver.executeScript("""
                return performance.getEntriesByType('resource')
                    .filter(r => r.responseStatus >= 400).map(r => [r.name, r.responseStatus]);""");
        failed.forEach(f -> problems.add(path + ": resource " + f.get(0) + " answered " + f.get(1)));
        for (LogEntry entry : browser.driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                problems.add(path + ": console " + entry.getMessage());
            }
        }
        EveryPageInChromiumTest.Axe.violations(browser, axe).forEach(v -> problems.add(path + ": axe " + v));
        return problems;
    }

    /** Same-origin links on the page that lead to pages, without fragments or the language switch. */
    private List<String> links() {
        List<String> links = new ArrayList<>();
        for (var anchor : browser.driver.findElements(By.cssSelector("a[href]"))) {
            String href = anchor.getDomAttribute("href");
            if (href == null || href.startsWith("#") || href.startsWith("mailto:") || href.startsWith("tel:")
                    || anchor.getDomAttribute("download") != null) {
                continue;
            }
            URI uri = URI.create(base + "/").resolve(URI.create(browser.driver.getCurrentUrl())).resolve(href.trim());
            if (!base.equals(uri.getScheme() + "://" + uri.getRawAuthority())) {
                continue;
            }
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery().replaceAll("(^|&)lang=[^&]*", "")
                    .replaceFirst("^&", "");
            String path = uri.getRawPath() + (query.isEmpty() ? "" : "?" + query);
            if (!NOT_A_PAGE.matcher(uri.getRawPath()).matches()) {
                links.add(path);
            }
        }
        return links;
    }
}
