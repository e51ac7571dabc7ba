package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A salesperson reading a customer's mail in headless Chromium: the reply without its quote, the
 * original HTML with remote images off until allowed, the conversation across mailboxes, and an
 * attachment download; on mail that went through the product's own ingestion pipeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-mailview-admin-token-0123456789abcdef",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class MailViewInChromiumTest extends ChromiumAppTest {
    private static final byte[] PDF = "%PDF-1.4\n%quotation\n".getBytes(StandardCharsets.US_ASCII);
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

    private IngestResult ingest(Person mailbox, String raw) {
        return ingestAs(mailbox.id(), raw);
    }

    @Test
    void repReadsAReplyAllowsItsImagesFollowsTheConversationAndDownloadsTheQuotation() {
        Seed seed = new Seed(store);
        Team team = seed.team("Mail team");
        Person rep = seed.person("Rep Mail", Role.REP, team, null);
        Person colleague = seed.person("Rep Colleague", Role.REP, team, null);
        Person stranger = seed.person("Rep Elsewhere", Role.REP, seed.team("Other team"), null);
        String repAddress = rep.user().addresses().get(0);
        Customer acme = seed.customer("Acme Mail", "acme-mv.com", rep.user());
        seed.customer("Bolt Mail", "bolt-mv.com", stranger.user());

        IngestResult quote = ingest(rep, """
                Message-ID: <q17@team.example>
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                From: Rep Mail <%s>
                To: Buyer <buyer@acme-mv.com>
                Subject: Quotation Q-17
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                Please find our quotation attached.
                --b1
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*=UTF-8''%%E6%%8A%%A5%%E4%%BB%%B7%%E5%%8D%%95%%20Q-17.pdf
                Content-Transfer-Encoding: base64

                %s
                --b1--
                """.formatted(repAddress, java.util.Base64.getEncoder().encodeToString(PDF)));
        String reply = """
                Message-ID: <r1@acme-mv.com>
                Date: Tue, 01 Dec 2026 11:00:00 +0000
                From: Buyer <buyer@acme-mv.com>
                To: Rep Mail <%s>
                Subject: Re: Quotation Q-17
                In-Reply-To: <q17@team.example>
                References: <q17@team.example>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b2"

                --b2
                Content-Type: text/plain; charset=utf-8

                Thanks, we take 500 pcs.

                On Tue, 1 Dec 2026 at 09:00, Rep Mail <%s> wrote:
                > Please find our quotation attached.
                --b2
                Content-Type: text/html; charset=utf-8

                <p>Thanks, we take <b>500 pcs</b>.</p><img src="%s" alt="Acme logo">
                <blockquote>Please find our quotation attached.</blockquote>
                --b2--
                """.formatted(repAddress, repAddress, world.url("/img/logo.png"));
        IngestResult first = ingest(rep, reply);
        // The same reply found in a colleague's mailbox is the same message, not a second one.
        ingest(colleague, reply);
        ingest(stranger, """
                Message-ID: <x1@team.example>
                Date: Tue, 01 Dec 2026 12:00:00 +0000
                From: Rep Elsewhere <%s>
                To: <buyer@bolt-mv.com>
                Subject: Fwd: Re: Quotation Q-17
                In-Reply-To: <r1@acme-mv.com>
                Content-Type: text/plain; charset=utf-8

                Not for the Acme team's eyes.
                """.formatted(stranger.user().addresses().get(0)));
        ingest(rep, """
                Message-ID: <r2@acme-mv.com>
                Date: Wed, 02 Dec 2026 09:00:00 +0000
                From: Buyer <buyer@acme-mv.com>
                To: <%s>
                Subject: Shipping date
                In-Reply-To: <r1@acme-mv.com>
                Content-Type: text/plain; charset=utf-8

                Could you ship by March?
                """.formatted(repAddress));
        assertThat(first.companyId()).isEqualTo(acme.id());
        StoredMessage q17 = store.messages().byMessageId(quote.messageId()).orElseThrow();
        StoredMessage r1 = store.messages().byMessageId(first.messageId()).orElseThrow();
        assertThat(r1.mailboxes()).hasSize(2);

        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(rep.token());
            browser.go("/customers/" + acme.id());
            browser.clickAndLoad(By.xpath("//li[contains(@class,'activity-email')][.//div[@class='activity-title' and "
                    + "normalize-space()='Re: Quotation Q-17']]//a[@class='open-mail']"));
            assertThat(browser.text(By.id("message-subject"))).isEqualTo("Re: Quotation Q-17");
            assertThat(browser.text(By.id("mail-text"))).isEqualTo("Thanks, we take 500 pcs.");
            By quoted = By.cssSelector("#mail-quoted .mail-quoted");
            assertThat(browser.driver.findElement(quoted).isDisplayed()).isFalse();
            browser.visible(By.cssSelector("#mail-quoted summary")).click();
            assertThat(browser.text(quoted)).contains("Please find our quotation attached.");

            // The original HTML, with its remote image stripped of its source until allowed.
            browser.driver.switchTo().frame(browser.visible(By.id("mail-html")));
            assertThat(browser.text(By.tagName("body"))).contains("Thanks, we take 500 pcs.");
            assertThat(browser.driver.findElement(By.tagName("img")).getAttribute("src")).isNullOrEmpty();
            browser.driver.switchTo().defaultContent();
            assertThat(world.saw("/img/")).isFalse();
            browser.screenshot("mail-view");

            browser.clickAndLoad(By.id("images-allow"));
            browser.wait.until(d -> world.saw("/img/logo.png"));
            assertThat(browser.visible(By.id("images-off")).isDisplayed()).isTrue();

            // The conversation: each message once, oldest first, without mail this rep may not see.
            assertThat(browser.text(By.id("thread-link"))).isEqualTo("Conversation (3 messages)");
            browser.clickAndLoad(By.id("thread-link"));
            assertThat(browser.texts(By.cssSelector("#thread .thread-open")))
                    .containsExactly("Quotation Q-17", "Re: Quotation Q-17", "Shipping date");
            assertThat(browser.texts(By.cssSelector("#thread .thread-text")))
                    .containsExactly("Please find our quotation attached.", "Thanks, we take 500 pcs.", "Could you ship by March?");
            browser.screenshot("mail-thread");

            browser.clickAndLoad(By.linkText("Quotation Q-17"));
            assertThat(browser.texts(By.cssSelector("#attachments a.attachment"))).containsExactly("报价单 Q-17.pdf");
            String download = browser.visible(By.cssSelector("#attachments a.attachment")).getAttribute("href")
                    .substring(base().length());
            assertThat(download).isEqualTo("/messages/" + q17.id() + "/attachments/0");

            browser.go("/messages/" + r1.id() + "?lang=zh-CN");
            assertThat(browser.text(By.cssSelector("#mail-quoted summary"))).isEqualTo("显示引用内容");
        }

        PageClient mine = PageClient.signedIn(base(), rep.token());
        HttpResponse<byte[]> pdf = mine.get("/messages/" + q17.id() + "/attachments/0");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).isEqualTo(PDF);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(pdf.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"___ Q-17.pdf\"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95%20Q-17.pdf");
        HttpResponse<byte[]> frame = mine.get("/messages/" + r1.id() + "/body");
        assertThat(frame.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'none'; img-src data:;").contains("sandbox allow-popups");
        assertThat(frame.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(frame.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(pdf.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(mine.get("/messages/" + r1.id()).headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(mine.get("/messages/" + q17.id() + "/attachments/1").statusCode()).isEqualTo(404);

        // Someone who may not see the message gets exactly what a missing message gets.
        PageClient other = PageClient.signedIn(base(), stranger.token());
        for (String path : List.of("/messages/" + r1.id(), "/messages/" + r1.id() + "/body", "/messages/" + r1.id() + "/thread",
                "/messages/" + q17.id() + "/attachments/0", "/messages/missing", "/messages/missing/body",
                "/messages/missing/thread", "/messages/missing/attachments/0")) {
            assertThat(other.get(path).statusCode()).as(path).isEqualTo(404);
        }
        StoredMessage x1 = store.messages().byMessageId("x1@team.example").orElseThrow();
        assertThat(x1.threadKey()).isEqualTo(r1.threadKey());
        String theirs = new String(other.get("/messages/" + x1.id() + "/thread").body(), StandardCharsets.UTF_8);
        assertThat(theirs).contains("Not for the Acme team").doesNotContain("Could you ship by March?");
    }

    @Test
    void aPictureSentInsideTheMailShowsInTheFrameAndTheOriginalDownloads() {
        Seed seed = new Seed(store);
        Person rep = seed.person("Rep Pictures", Role.REP, seed.team("Pictures team"), null);
        seed.customer("Acme Pictures", "acme-pic.com", rep.user());
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        IngestResult result = ingest(rep, """
                Message-ID: <pic-1@acme-pic.com>
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                From: Buyer <buyer@acme-pic.com>
                To: <%s>
                Subject: Our new booth
                MIME-Version: 1.0
                Content-Type: multipart/related; boundary="r"

                --r
                Content-Type: text/html; charset=utf-8

                <p>See our booth:</p><img src="cid:booth@acme-pic.com" alt="booth">
                --r
                Content-Type: image/png; name="booth.png"
                Content-ID: <booth@acme-pic.com>
                Content-Disposition: inline; filename="booth.png"
                Content-Transfer-Encoding: base64

                %s
                --r--
                """.formatted(rep.user().addresses().get(0), png));
        StoredMessage pic = store.messages().byMessageId(result.messageId()).orElseThrow();

        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(rep.token());
            browser.go("/messages/" + pic.id());
            assertThat(browser.visible(By.id("original-link")).getAttribute("href")).endsWith("/messages/" + pic.id() + "/original");
            assertThat(browser.driver.findElements(By.id("images-blocked"))).isEmpty();
            browser.driver.switchTo().frame(browser.visible(By.id("mail-html")));
            assertThat(browser.visible(By.tagName("img")).getAttribute("src")).isEqualTo("data:image/png;base64," + png);
        }

        HttpResponse<byte[]> original = PageClient.signedIn(base(), rep.token()).get("/messages/" + pic.id() + "/original");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(original.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Our new booth.eml\"; filename*=UTF-8''Our%20new%20booth.eml");
        assertThat(new String(original.body(), StandardCharsets.UTF_8)).startsWith("Message-ID: <pic-1@acme-pic.com>\r\n");
    }

    @Test
    void aMessageStoredBeforeWholeMessagesWereKeptShowsItsSnippet() {
        Seed seed = new Seed(store);
        Person rep = seed.person("Rep Old", Role.REP, seed.team("Old team"), null);
        Customer acme = seed.customer("Acme Old", "acme-old.com", rep.user());
        // As an older release stored it: no raw key, no attachments.
        StoredMessage old = store.messages().store(new StoredMessage("old-1", "old-1@acme-old.com", "old-1@acme-old.com", null,
                List.of(), null, null, List.of(), List.of(), "An old message", Instant.parse("2025-01-01T00:00:00Z"),
                "The beginning of an old message", List.of(), acme.id(), List.of(), Instant.parse("2025-01-01T00:00:00Z")))
                .message();

        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(rep.token());
            browser.go("/mail?mid=" + old.messageId());
            assertThat(browser.text(By.id("message-subject"))).isEqualTo("An old message");
            assertThat(browser.text(By.id("mail-text"))).isEqualTo("The beginning of an old message");
            assertThat(browser.visible(By.id("mail-snippet-only")).isDisplayed()).isTrue();
            assertThat(browser.driver.findElements(By.id("mail-html"))).isEmpty();
        }
    }
}
