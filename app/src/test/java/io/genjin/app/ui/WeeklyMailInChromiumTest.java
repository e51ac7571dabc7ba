package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.Ids;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The weekly report mail's preview in headless Chromium: the team dashboard links to it, the page
 * shows the mail in its frame with the charts drawn (the PNGs decoded by the browser), and "send me
 * now" mails it to the signed-in manager's own address (GreenMail on loopback), once; a rep is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.reports.weekly.tick=0s",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class WeeklyMailInChromiumTest extends ChromiumAppTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
    }

    @Test
    void thePreviewShowsTheMailWithItsChartsAndTheButtonSendsItToMe() throws Exception {
        Seed seed = new Seed(store);
        Team team = seed.team("Weekly team " + Ids.newId().substring(18));
        Person manager = seed.person("Mia Manager", Role.MANAGER, team, null);
        Person amy = seed.person("Amy Chen", Role.REP, team, manager.user());
        String domain = "nordhafen-" + Ids.newId().substring(18) + ".example";
        seed.customer("Nordhafen Lighting GmbH", domain, amy.user());
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate monday = LocalDate.now(zone).minusWeeks(1).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)
                .format(ZonedDateTime.of(monday.plusDays(1).atTime(10, 0), zone));
        ingestAs(amy.id(), """
                Message-ID: <weekly-ui-1@nordhafen.example>
                Date: %s
                From: <%s>
                To: <buyer@%s>
                Subject: Our offer

                Please find our offer.
                """.formatted(date, amy.user().primaryAddress(), domain));

        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(manager.token());
            browser.go("/reports");
            browser.clickAndLoad(By.id("weekly-link"));
            assertThat(browser.path()).isEqualTo("/reports/weekly");
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Weekly report mail");

            WebElement frame = browser.visible(By.id("weekly-frame"));
            browser.driver.switchTo().frame(frame);
            browser.visible(By.id("weekly-figures"));
            assertThat(browser.text(By.cssSelector("tr[data-figure='reports.figure.sent.total'] .current"))).isEqualTo("1");
            assertThat(browser.text(By.id("weekly-top"))).contains("Amy Chen");
            java.util.List<WebElement> images = browser.driver.findElements(By.tagName("img"));
            assertThat(images).hasSize(2);
            for (WebElement image : images) {
                Object width = browser.driver.executeScript(
                        "return arguments[0].complete ? arguments[0].naturalWidth : -1", image);
                assertThat(((Number) width).intValue()).as("a decoded PNG").isEqualTo(640);
            }
            browser.driver.switchTo().defaultContent();
            browser.screenshot("weekly-preview-en");

            browser.clickAndLoad(By.id("weekly-send-now"));
            assertThat(browser.text(By.id("weekly-status"))).isEqualTo("Sent to " + manager.user().primaryAddress() + ".");
            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage mail = greenMail.getReceivedMessages()[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(manager.user().primaryAddress());
            assertThat(mail.getContentType()).startsWith("multipart/related");

            browser.clickAndLoad(By.id("weekly-send-now"));
            assertThat(browser.text(By.id("weekly-status"))).contains("a moment ago");
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
        }

        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(amy.token());
            browser.go("/reports/weekly");
            assertThat(browser.driver.getPageSource()).doesNotContain("weekly-send-now");
        }
    }
}
