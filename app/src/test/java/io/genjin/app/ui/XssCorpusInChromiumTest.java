package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.store.user.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Hostile mail HTML ({@code mail/xss-corpus.html}: scripts, event handlers, {@code javascript:} and
 * {@code data:} URLs, SVG and MathML tricks, CSS expressions, meta refresh, base href, form actions)
 * ingested through the pipeline and opened in the mail view in headless Chromium. Every vector, if it
 * ran, would call {@code alert} or fetch a URL on a local recorder under {@code /xss/}; nothing may.
 * Each message ends with an image from the recorder, so the frame was read to its end (and, images
 * allowed, loaded) before the next message opens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-xss-admin-token-0123456789abcdef0",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class XssCorpusInChromiumTest extends ChromiumAppTest {
    private static RequestRecorder world;


    @BeforeAll
    static void setUpOnce() {
        world = new RequestRecorder();
    }

    @AfterAll
    static void closeWorld() {
        if (world != null) {
            world.close();
        }
    }

    static Map<String, String> corpus() throws IOException {
        String text;
        try (InputStream in = XssCorpusInChromiumTest.class.getResourceAsStream("/mail/xss-corpus.html")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> vectors = new LinkedHashMap<>();
        for (String block : text.split("(?m)^#### ")) {
            if (!block.isBlank()) {
                int eol = block.indexOf('\n');
                vectors.put(block.substring(0, eol).strip(), block.substring(eol + 1));
            }
        }
        return vectors;
    }

    private String ingest(Person rep, String name, String html) {
        String body = html.replace("{X}", world.url("/xss/" + name)) + "<p><img src=\"" + world.url("/after/" + name) + "\"></p>";
        String raw = """
                Message-ID: <%s@hostile.example>
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                From: Hostile <mallory@hostile.example>
                To: <%s>
                Subject: <script>alert('subject')</script> %s
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                %s
                """.formatted(name, rep.user().addresses().get(0), name,
                Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        IngestResult result = pipeline.ingest(RawMail.of(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(rep.id(), "xss-test"));
        return store.messages().byMessageId(result.messageId()).orElseThrow().id();
    }

    @Test
    void hostileMailHtmlRunsNothingAndFetchesNothingUntilImagesAreAllowed() throws IOException {
        Seed seed = new Seed(store);
        Person rep = seed.person("Rep Xss", Role.REP, seed.team("Xss team"), null);
        seed.customer("Hostile Inc", "hostile.example", rep.user());
        Map<String, String> ids = new LinkedHashMap<>();
        corpus().forEach((name, html) -> ids.put(name, ingest(rep, name, html)));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(25);

        PageClient http = PageClient.signedIn(base(), rep.token());
        for (var e : ids.entrySet()) {
            HttpResponse<byte[]> frame = http.get("/messages/" + e.getValue() + "/body?images=true");
            String served = new String(frame.body(), StandardCharsets.UTF_8).toLowerCase();
            String mail = served.substring(served.indexOf("<body>"));
            assertThat(mail).as(e.getKey()).doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain("<script", "javascript:",
                    "<meta", "<base", "<form", "<svg", "<math", "<iframe", "<object", "<embed", "<link", "expression(",
                    "/xss/");
            assertThat(mail).as(e.getKey()).doesNotContain("<style", "<meta");
        }

        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(rep.token());

            // Remote images stay off until allowed: the sentinel image is not fetched.
            browser.go("/messages/" + ids.get("phishing"));
            assertThat(browser.text(By.id("message-subject"))).isEqualTo("<script>alert('subject')</script> phishing");
            browser.driver.switchTo().frame(browser.visible(By.id("mail-html")));
            assertThat(browser.text(By.tagName("body"))).contains("Your mailbox is full.");
            assertThat(browser.driver.findElements(By.tagName("img"))).allSatisfy(img -> assertThat(img.getAttribute("src")).isNullOrEmpty());
            browser.driver.switchTo().defaultContent();
            assertThat(world.saw("/after/")).isFalse();
            browser.screenshot("mail-xss-images-off");

            // Then every vector with images allowed, the more permissive of the two views.
            for (var e : ids.entrySet()) {
                browser.go("/messages/" + e.getValue() + "?images=true");
                browser.driver.switchTo().frame(browser.visible(By.id("mail-html")));
                browser.wait.until(d -> world.saw("/after/" + e.getKey()));
                clickEverything(browser);
                browser.driver.switchTo().defaultContent();
                assertNoAlert(browser, e.getKey());
                assertThat(browser.path()).as(e.getKey()).startsWith("/messages/" + e.getValue());
            }
        }
        assertThat(world.paths()).as("requests a hostile vector made").noneMatch(p -> p.startsWith("/xss/"));
    }

    /** Links, buttons and toggles a person might click: none may run or submit anything. */
    private static void clickEverything(Browser browser) {
        for (WebElement e : browser.driver.findElements(By.cssSelector("a, button, input, summary, text"))) {
            try {
                if (e.isDisplayed()) {
                    e.click();
                }
            } catch (WebDriverException notClickable) {
                // covered or gone: nothing a person could click either
            }
        }
    }

    private static void assertNoAlert(Browser browser, String vector) {
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).as(vector).isInstanceOf(NoAlertPresentException.class);
    }
}
