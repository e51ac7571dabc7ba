package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.tracking.TrackHits;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A salesperson's day, in English and in 中文, the way the user guides tell it: the customer list,
 * the customer who read the quotation, the buyer's counter-offer, a call logged with its next step,
 * and the task list. With GENJIN_UI_SCREENSHOTS set (scripts/guide-screenshots) it also saves the
 * guides' screenshots, {@code day-<n>-<page>-<en|zh>.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-day-admin-token-0123456789abcdef-xyz",
                "genjin.ui.time-zone=UTC", "genjin.tracking.delivery-window=0s", "genjin.tracking.session-gap=1ms",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class RepsDayInChromiumTest extends ChromiumAppTest {

    @Autowired
    TrackHits hits;

    @Test
    void aRepsDayInEnglishAndInChinese() throws Exception {
        TeamWeek week = TeamWeek.make(this, hits);
        walkTheDay(week, "en-US,en", "en", "Called Lena: 3000 pcs at USD 10.80 if we ship in January.");
        walkTheDay(week, "zh-CN,zh", "zh", "电话沟通：3000 件，一月出货可接受 10.80 美元。");
    }

    private void walkTheDay(TeamWeek week, String acceptLanguage, String lang, String callNote) {
        try (Browser browser = Browser.open(base(), acceptLanguage)) {
            browser.signIn(week.rep().token());
            assertThat(browser.path()).startsWith("/customers");
            assertThat(browser.text(By.id("customers"))).contains("Lumen");
            browser.screenshot("day-1-customers-" + lang);

            browser.clickAndLoad(By.cssSelector("a[href$='/customers/" + week.lumenId() + "']"));
            assertThat(browser.text(By.id("customer-stage"))).isNotBlank();
            assertThat(browser.text(By.id("quote-opens"))).contains("3");
            assertThat(browser.text(By.id("timeline"))).contains("Q-881");
            browser.screenshot("day-2-customer-" + lang);

            browser.go("/mail?mid=reply-1@lumen-buyer.example");
            assertThat(browser.text(By.tagName("main"))).contains("USD 10.80 for 3000 pcs");
            browser.screenshot("day-3-mail-" + lang);

            browser.go("/customers/" + week.lumenId());
            browser.visible(By.id("log-body")).sendKeys(callNote);
            String nextOn = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
            browser.driver.executeScript("arguments[0].value = arguments[1]", browser.visible(By.id("log-next-on")), nextOn);
            browser.visible(By.id("log-next")).sendKeys("Revised quotation Q-883 / 修改报价 Q-883");
            browser.clickAndLoad(By.id("log-submit"));
            assertThat(browser.visible(By.id("done")).isDisplayed()).isTrue();
            assertThat(browser.text(By.id("timeline"))).contains(callNote);
            browser.screenshot("day-4-logged-" + lang);

            browser.go("/tasks");
            assertThat(browser.text(By.tagName("main"))).contains("Revised quotation Q-883");
            browser.screenshot("day-5-tasks-" + lang);
        }
    }
}
