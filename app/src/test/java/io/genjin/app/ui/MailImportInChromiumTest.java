package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A salesperson uploads an mbox on the mail import page, in headless Chromium, and reads the summary
 * when the progress bar is done; then the same page in Chinese.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=ui-mail-import-admin-token-0123456789", "genjin.dropbox.enabled=false",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class MailImportInChromiumTest extends ChromiumAppTest {
    @TempDir
    Path work;

    @Test
    void repUploadsAnMboxAndReadsTheSummary() throws Exception {
        Seed seed = new Seed(store);
        Person rep = seed.person("Rep Mail Import", Role.REP, seed.team("Mail import UI"), null);
        seed.customer("Qingdao Valves", "qingdao-valves.example", rep.user());
        Path mbox = Files.writeString(work.resolve("old-mail.mbox"), """
                From buyer@qingdao-valves.example Tue Nov  3 09:00:00 2026
                From: Buyer <buyer@qingdao-valves.example>
                To: rep@team.example
                Subject: RFQ ball valves
                Message-ID: <ui-mail-import-1@qingdao-valves.example>

                Please quote DN50.

                From private.person@gmail.com Tue Nov  3 10:00:00 2026
                From: Private <private.person@gmail.com>
                To: rep@team.example
                Subject: Hello
                Message-ID: <ui-mail-import-2@gmail.com>

                Hi.
                """);

        try (Browser browser = Browser.open("http://localhost:" + port, "en-US,en")) {
            browser.signIn(rep.token());
            browser.go("/imports");
            browser.clickAndLoad(By.id("mail-imports-link"));
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Import mail");
            browser.visible(By.id("upload-file")).sendKeys(mbox.toString());
            browser.clickAndLoad(By.id("upload"));
            assertThat(browser.path()).startsWith("/mail-imports/");
            // The page polls the import and reloads itself with the summary when it is done.
            assertThat(browser.text(By.id("result-stored"))).isEqualTo("Stored: 2");
            assertThat(browser.text(By.id("result-linked"))).isEqualTo("Linked to a customer: 1");
            assertThat(browser.text(By.id("result-heldBack"))).isEqualTo("Held back for you to link: 1");
            assertThat(browser.text(By.id("result-failed"))).isEqualTo("Failed: 0");
            assertThat(browser.text(By.id("status"))).contains("Done");

            browser.go(browser.path() + "?lang=zh-CN");
            assertThat(browser.text(By.id("result-stored"))).isEqualTo("已保存：2");
            browser.go("/mail-imports");
            assertThat(browser.texts(By.cssSelector("#imports tbody td a"))).containsExactly("old-mail.mbox");
        }
    }
}
