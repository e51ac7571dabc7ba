package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.followup.notify.Notification;
import io.genjin.followup.notify.NotifyStore;
import io.genjin.gateway.IngestResult;
import io.genjin.store.events.CustomerMailRead;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.user.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A customer's health, tags and trend in headless Chromium, from mail that went through the product's
 * own ingestion pipeline and the classifier's readings published as the gateway publishes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=ui-health-admin-token-0123456789abcdef",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class HealthInChromiumTest extends ChromiumAppTest {
    @Autowired
    DomainEvents events;
    @Autowired
    NotifyStore notifications;
    private int n;

    @Test
    void aRepSeesTheScoreItsReasonsTheTrendAndTagsWithEvidenceAndRemovesATag() {
        Seed seed = new Seed(store);
        Person manager = seed.person("Health Manager", Role.MANAGER, seed.team("Health team"), null);
        Person rep = seed.person("Health Rep", Role.REP, null, manager.user());
        Customer buyer = seed.customer("Nordlicht GmbH", "nordlicht-health.example", rep.user());
        String repAddress = rep.user().addresses().get(0);
        Instant now = Instant.now();
        // Two months of weekly mail both ways, friendly; then three complaints about the lead time.
        for (int week = 9; week >= 2; week--) {
            Instant asked = now.minus(Duration.ofDays(7L * week));
            mail(rep, repAddress, true, asked, "Offer " + week);
            String theirs = mail(rep, repAddress, false, asked.plus(Duration.ofHours(20)), "Re: Offer " + week);
            read(buyer, theirs, asked.plus(Duration.ofHours(20)), "positive", false, List.of());
        }
        for (int i = 3; i >= 1; i--) {
            Instant at = now.minus(Duration.ofDays(i * 2L));
            String theirs = mail(rep, repAddress, false, at, "Where is our shipment? Delivery date " + i);
            read(buyer, theirs, at, "negative", true, List.of("lead-time"));
        }

        var health = store.tasks().ofCompany(buyer.id(), EnumSet.of(TaskStatus.OPEN)).stream()
                .filter(t -> "health-drop".equals(t.originRule()) || "tone-warning".equals(t.originRule())).toList();
        // The history is replayed at today's clock, so the score can already fall (and recover to threshold +
        // hysteresis, which re-arms it) while the weekly mail comes in: each drop alerts once, the tone once.
        assertThat(health).extracting(t -> t.originRule()).contains("health-drop", "tone-warning");
        assertThat(health).filteredOn(t -> "tone-warning".equals(t.originRule())).hasSize(1);
        assertThat(health).extracting(t -> t.dedupeKey()).doesNotHaveDuplicates();
        assertThat(health).allMatch(t -> t.assigneeId().equals(rep.id()));
        assertThat(notifications.notificationsOf(manager.id(), 10)).extracting(Notification::kind)
                .contains(Notification.Kind.COPY);

        try (Browser browser = Browser.open("http://localhost:" + port, "en-US,en")) {
            browser.signIn(rep.token());
            browser.go("/customers/" + buyer.id());
            int score = Integer.parseInt(browser.text(By.id("health-score")));
            assertThat(score).isLessThan(60);
            assertThat(browser.text(By.id("health-below"))).isEqualTo("Below 60");
            assertThat(browser.text(By.id("health-warning"))).isEqualTo("Tone falling");
            assertThat(browser.text(By.cssSelector("#part-tone td:nth-child(4)")))
                    .isEqualTo("0 negative and 3 dissatisfied customer mail(s) in 90 days.");
            // The stored reason names the date of the last two-way contact; the page counts the days.
            assertThat(browser.text(By.cssSelector("#part-mail-recency td:nth-child(4)")))
                    .matches("Last two-way contact \\d+ days ago; this customer usually writes every \\d+ days\\.");
            browser.wait.until(d -> "1".equals(d.findElement(By.id("health-trend-chart")).getDomAttribute("data-points")));
            assertThat(browser.text(By.cssSelector("#tag-delivery-sensitive .smart-tag"))).isEqualTo("Delivery-sensitive");
            assertThat(browser.texts(By.cssSelector("#tag-delivery-sensitive a.evidence"))).hasSize(3)
                    .contains("Where is our shipment? Delivery date 1");

            browser.clickAndLoad(By.linkText("Where is our shipment? Delivery date 1"));
            assertThat(browser.text(By.id("message-subject"))).isEqualTo("Where is our shipment? Delivery date 1");

            browser.go("/customers?tag=delivery-sensitive");
            assertThat(browser.texts(By.cssSelector("#customers .customer-link"))).containsExactly("Nordlicht GmbH");
            assertThat(browser.text(By.cssSelector("#customers .health-cell"))).isEqualTo(Integer.toString(score));
            browser.go("/customers?lang=zh-CN");
            new Select(browser.visible(By.id("tag-filter"))).selectByVisibleText("交期敏感型");
            browser.clickAndLoad(By.id("health-filter-submit"));
            assertThat(browser.texts(By.cssSelector("#customers .tags-cell .smart-tag"))).containsExactly("交期敏感型");

            browser.go("/customers/" + buyer.id() + "?lang=en");
            browser.clickAndLoad(By.id("remove-delivery-sensitive"));
            assertThat(browser.texts(By.cssSelector("#smart-tags .smart-tag"))).doesNotContain("Delivery-sensitive");
            browser.go("/customers?tag=delivery-sensitive");
            assertThat(browser.texts(By.cssSelector("#customers .customer-link"))).isEmpty();
        }

        try (Browser browser = Browser.open("http://localhost:" + port, "en-US,en")) {
            browser.signIn(manager.token());
            browser.go("/settings/health");
            browser.visible(By.id("threshold")).clear();
            browser.visible(By.id("threshold")).sendKeys("40");
            browser.clickAndLoad(By.id("health-save"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Health settings saved.");
            assertThat(browser.visible(By.id("threshold")).getDomProperty("value")).isEqualTo("40");
        }
    }

    /** Mail in the rep's mailbox, through the pipeline: from the rep to the buyer, or back. Returns its Message-ID. */
    private String mail(Person rep, String repAddress, boolean fromRep, Instant at, String subject) {
        String id = "health-" + (++n) + "@" + (fromRep ? "team.example" : "nordlicht-health.example");
        IngestResult result = ingestAs(rep.id(), """
                Message-ID: <%s>
                Date: %s
                From: %s
                To: %s
                Subject: %s
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(id, DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)),
                fromRep ? "<" + repAddress + ">" : "Buyer <buyer@nordlicht-health.example>",
                fromRep ? "Buyer <buyer@nordlicht-health.example>" : "<" + repAddress + ">", subject, subject));
        assertThat(result.companyId()).as(subject).isNotNull();
        return id;
    }

    /** What the classifier read in the buyer's message, published as the gateway publishes it. */
    private void read(Customer buyer, String messageId, Instant at, String tone, boolean dissatisfied, List<String> topics) {
        events.publish(new CustomerMailRead(messageId, buyer.id(), List.of(buyer.contact().id()), null, at, null, tone,
                dissatisfied, topics));
    }
}
