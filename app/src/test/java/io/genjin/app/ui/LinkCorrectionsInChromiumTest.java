package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.store.user.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A salesperson reading why mail landed where it did and correcting it, in headless Chromium, on
 * mail that went through the product's own ingestion pipeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=ui-links-admin-token-0123456789abcdef",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class LinkCorrectionsInChromiumTest extends ChromiumAppTest {

    private IngestResult ingest(Person owner, String raw) {
        return ingestAs(owner.id(), raw);
    }

    @Test
    void repMovesAMisplacedMailTeachesTheAddressAndSortsOutHeldMail() {
        Seed seed = new Seed(store);
        Person rep = seed.person("Rep Links", Role.REP, seed.team("Links team"), null);
        String repAddress = rep.user().addresses().get(0);
        Customer acme = seed.customer("Acme Corr", "acme-corr.com", rep.user());
        Customer bolt = seed.customer("Bolt Corr", "bolt-corr.com", rep.user());
        IngestResult booking = ingest(rep, """
                Message-ID: <booking-1@acme-corr.com>
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                From: Freight Desk <freight@acme-corr.com>
                To: <%s>
                Subject: Container booking for Bolt
                Content-Type: text/plain; charset=utf-8

                Please confirm the 40HQ booking for Bolt's order.
                """.formatted(repAddress));
        IngestResult newsletter = ingest(rep, """
                Message-ID: <issue-88@mail.tradeweekly.example>
                Date: Tue, 01 Dec 2026 10:00:00 +0000
                From: Trade Weekly <editor@tradeweekly.example>
                To: <%s>
                Subject: This week in LED lighting
                List-Unsubscribe: <https://tradeweekly.example/u?x=1>
                Content-Type: text/plain; charset=utf-8

                Top stories this week.
                """.formatted(repAddress));
        assertThat(booking.companyId()).isEqualTo(acme.id());
        assertThat(newsletter.companyId()).isNull();

        try (Browser browser = Browser.open("http://localhost:" + port, "en-US,en")) {
            browser.signIn(rep.token());
            browser.go("/customers/" + acme.id());
            assertThat(browser.text(By.cssSelector("#timeline .activity-reason .link-reason")))
                    .isEqualTo("New contact from the customer's domain acme-corr.com");
            browser.clickAndLoad(By.cssSelector("#timeline .activity-reason .correct-link"));
            assertThat(browser.text(By.id("message-subject"))).isEqualTo("Container booking for Bolt");

            new Select(browser.visible(By.id("move-to"))).selectByVisibleText("Bolt Corr");
            browser.visible(By.cssSelector("#move-form input[name=reason]")).sendKeys("Bolt's forwarder");
            browser.visible(By.id("move-teach")).click();
            browser.clickAndLoad(By.id("move-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Moved.");
            assertThat(browser.texts(By.cssSelector("#message-links .link-customer"))).containsExactly("Bolt Corr");
            assertThat(browser.text(By.cssSelector("#message-links .link-reason")))
                    .isEqualTo("Put here by Rep Links: Bolt's forwarder");

            browser.go("/unlinked");
            assertThat(browser.text(By.cssSelector("#held .held-reason")))
                    .isEqualTo("Bulk mail: it has a List-Unsubscribe header");
            browser.clickAndLoad(By.linkText("This week in LED lighting"));
            assertThat(browser.text(By.id("held-reason"))).isEqualTo("Bulk mail: it has a List-Unsubscribe header");
            browser.visible(By.id("always-DOMAIN")).click();
            browser.clickAndLoad(By.id("not-customer-submit"));
            assertThat(browser.text(By.id("held-reason"))).isEqualTo("Not customer mail: always for the domain tradeweekly.example");

            browser.go("/unlinked?lang=zh-CN");
            assertThat(browser.text(By.cssSelector("#held .held-reason"))).isEqualTo("非客户邮件：域名 tradeweekly.example 的邮件均不关联");
        }

        // The move taught the address: the forwarder's next mail goes straight to Bolt.
        assertThat(store.timeline().bySource(bolt.id(), "email:booking-1@acme-corr.com")).isPresent();
        assertThat(store.timeline().bySource(acme.id(), "email:booking-1@acme-corr.com")).isEmpty();
        IngestResult next = ingest(rep, """
                Message-ID: <booking-2@acme-corr.com>
                Date: Wed, 02 Dec 2026 09:00:00 +0000
                From: Freight Desk <freight@acme-corr.com>
                To: <%s>
                Subject: Booking confirmed
                Content-Type: text/plain; charset=utf-8

                Confirmed.
                """.formatted(repAddress));
        assertThat(next.companyId()).isEqualTo(bolt.id());
    }
}
