package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.app.relay.RelayConfiguration;
import io.genjin.app.support.DovecotTestServer;
import io.genjin.app.support.Http;
import io.genjin.app.support.MailClient;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.user.Role;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A salesperson sets up their mail in headless Chromium: adds their mailbox from a provider preset
 * against a real Dovecot, watches its folders sync and a customer's mail arrive on the timeline,
 * sees a broken mailbox explained in words; then issues a relay password, signs in to the app's own
 * SMTP relay with it, and revokes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-mailsetup-admin-token-0123456789abcdef",
                "genjin.mailbox.poll-interval=2s", "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class MailSetupInChromiumTest extends ChromiumAppTest {
    /** The inquiry the mailbox holds is written here, and removed with it after the test. */
    @TempDir
    Path files;

    @Autowired
    RelayConfiguration.RelayLifecycle relay;

    @DynamicPropertySource
    static void loopbackMailServers(DynamicPropertyRegistry registry) {
        registry.add("genjin.outbound.allowed-networks", () -> "127.0.0.1/32");
    }

    private static String mail(String id, String from, String to, String subject, String body) {
        return """
                Message-ID: <%s>
                Date: Wed, 02 Dec 2026 08:00:00 +0000
                From: Buyer <%s>
                To: <%s>
                Subject: %s
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(id, from, to, subject, body);
    }

    @Test
    void repAddsTheirMailboxFromAPresetAndSeesItsFoldersSyncAndMailArriveOnTheTimeline() throws Exception {
        Seed seed = new Seed(store);
        Person rep = seed.person("Rep Setup", Role.REP, seed.team("Setup team"), null);
        String repAddress = rep.user().primaryAddress();
        Customer acme = seed.customer("Acme Setup", "acme-setup.com", rep.user());
        Path first = Files.createTempFile(files, "inquiry-", ".eml");
        Files.writeString(first, mail("inq-1@acme-setup.com", "buyer@acme-setup.com", repAddress,
                "Inquiry for LED panels", "Please quote 2k pcs."));
        try (DovecotTestServer dovecot = DovecotTestServer.withInbox(1, List.of(first), "setup", 0);
                Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(rep.token());
            browser.go("/settings");
            browser.clickAndLoad(By.id("settings-mailboxes"));
            assertThat(browser.text(By.id("no-mailboxes"))).contains("No mailbox");

            new Select(browser.visible(By.name("preset"))).selectByValue("netease");
            WebElement host = browser.visible(By.name("host"));
            assertThat(host.getAttribute("value")).isEqualTo("imap.qiye.163.com");
            assertThat(browser.visible(By.name("smtpHost")).getAttribute("value")).isEqualTo("smtp.qiye.163.com");
            List<String> hints = browser.texts(By.cssSelector(".preset-hint:not([hidden])"));
            assertThat(hints).hasSize(1);
            assertThat(hints.get(0)).contains("client authorisation password");
            // This company runs its own server: the rep types its address over the preset's.
            fill(browser, "host", "127.0.0.1");
            fill(browser, "port", String.valueOf(dovecot.port()));
            new Select(browser.visible(By.name("security"))).selectByValue("NONE");
            fill(browser, "smtpHost", "127.0.0.1");
            fill(browser, "smtpPort", "1");
            new Select(browser.visible(By.name("smtpSecurity"))).selectByValue("NONE");
            fill(browser, "username", dovecot.user());

            // A wrong password is refused at once, in words, with what was typed kept (but the password).
            fill(browser, "password", "not-the-password");
            browser.clickAndLoad(By.id("add-mailbox-button"));
            assertThat(browser.text(By.id("problem"))).contains("Could not sign in with these settings");
            assertThat(browser.visible(By.name("host")).getAttribute("value")).isEqualTo("127.0.0.1");
            assertThat(browser.visible(By.name("port")).getAttribute("value")).isEqualTo(String.valueOf(dovecot.port()));
            assertThat(browser.visible(By.name("password")).getAttribute("value")).isEmpty();

            fill(browser, "password", dovecot.password());
            browser.clickAndLoad(By.id("add-mailbox-button"));
            assertThat(browser.text(By.id("done"))).contains("Mailbox added");
            assertThat(browser.text(By.cssSelector(".mailbox-address"))).isEqualTo(dovecot.user());

            // Its folders sync: INBOX waits on IDLE, Sent is polled; the inquiry is on Acme's timeline.
            awaitOnPage(browser, "/settings/mailboxes", () -> browser.texts(By.cssSelector(".folder-row .folder-watch"))
                    .contains("arrives at once (IDLE)")
                    && browser.texts(By.cssSelector(".folder-row .folder-messages")).contains("1"));
            assertThat(browser.texts(By.cssSelector(".folder-row .folder-name"))).containsExactly("INBOX", "Sent");
            assertThat(browser.text(By.cssSelector(".mailbox-state"))).isEqualTo("Up to date (new mail arrives at once)");
            browser.go("/customers/" + acme.id());
            assertThat(browser.text(By.id("timeline"))).contains("Inquiry for LED panels");

            // New mail arrives on the server and reaches the timeline without anyone asking.
            dovecot.deliver("INBOX", mail("inq-2@acme-setup.com", "buyer@acme-setup.com", repAddress,
                    "Sample request", "Can you send 2 samples?"));
            awaitOnPage(browser, "/customers/" + acme.id(),
                    () -> browser.text(By.id("timeline")).contains("Sample request"));

            // The outgoing server can be corrected on the mailbox itself; the relay then sends through it.
            browser.go("/settings/mailboxes");
            browser.visible(By.cssSelector(".smtp-edit summary")).click();
            WebElement smtpPort = browser.visible(By.cssSelector(".smtp-form input[name=smtpPort]"));
            smtpPort.clear();
            smtpPort.sendKeys("2525");
            browser.clickAndLoad(By.cssSelector(".smtp-form .smtp-save"));
            assertThat(browser.text(By.id("done"))).contains("Outgoing server saved");
            assertThat(browser.text(By.cssSelector(".mailbox"))).contains("Sends through 127.0.0.1:2525 (NONE)");
            browser.go("/settings/relay");
            assertThat(browser.text(By.id("sends-through"))).contains(dovecot.user()).contains("127.0.0.1");

            // A mailbox added over the API without a check, with a wrong password: explained in words.
            Http.Reply added = new Http(port).post(rep.token(), "/api/users/" + rep.id() + "/mailboxes?verify=false",
                    Map.of("host", "127.0.0.1", "port", dovecot.port(), "security", "NONE", "username", "other@genjin.test",
                            "secret", "wrong"));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            String broken = added.json().get("id").asString();
            awaitOnPage(browser, "/settings/mailboxes",
                    () -> !browser.texts(By.cssSelector("#mailbox-" + broken + " .problem-words")).isEmpty());
            assertThat(browser.text(By.cssSelector("#mailbox-" + broken + " .problem-words")))
                    .contains("did not accept the user name or password");
            browser.visible(By.cssSelector("#mailbox-" + broken + " .problem-detail summary")).click();
            assertThat(browser.text(By.cssSelector("#mailbox-" + broken + " .problem-detail code")))
                    .contains("AuthenticationFailedException");

            browser.go("/settings/mailboxes?lang=zh-CN");
            assertThat(browser.text(By.cssSelector("#mailbox-" + broken + " .problem-words"))).contains("不接受该用户名或密码");
            browser.clickAndLoad(By.cssSelector("#mailbox-" + broken + " .remove-mailbox"));
            assertThat(browser.text(By.id("done"))).contains("邮箱已移除");
            assertThat(browser.driver.findElements(By.id("mailbox-" + broken))).isEmpty();
        }
    }

    @Test
    void repIssuesARelayPasswordSignsInToTheRelayWithItAndRevokesIt() throws Exception {
        Seed seed = new Seed(store);
        Person rep = seed.person("Rep Relay", Role.REP, seed.team("Relay team"), null);
        Person other = seed.person("Rep Other", Role.REP, seed.team("Other relay team"), null);
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(rep.token());
            browser.go("/settings");
            browser.clickAndLoad(By.id("settings-relay"));
            assertThat(browser.text(By.id("relay-port"))).isEqualTo(String.valueOf(relay.port()));
            assertThat(browser.text(By.id("relay-security"))).isEqualTo("STARTTLS");
            assertThat(browser.text(By.id("client-settings"))).contains("port " + relay.port() + ",");
            assertThat(browser.text(By.id("relay-username"))).isEqualTo(rep.user().primaryAddress());
            assertThat(browser.text(By.id("no-passwords"))).contains("No relay password");

            fill(browser, "label", "Foxmail at the office");
            browser.clickAndLoad(By.id("issue-button"));
            String password = browser.text(By.id("issued-password"));
            assertThat(password).hasSizeGreaterThan(16);
            assertThat(browser.text(By.cssSelector(".credential-label"))).isEqualTo("Foxmail at the office");
            assertThat(browser.text(By.cssSelector(".credential-used"))).isEqualTo("never");

            signInToRelay(rep.user().primaryAddress(), password);
            browser.go("/settings/relay");
            assertThat(browser.driver.findElements(By.id("issued-password"))).as("shown once").isEmpty();
            assertThat(browser.driver.getPageSource()).doesNotContain(password);
            assertThat(browser.text(By.cssSelector(".credential-used"))).isNotEqualTo("never");

            browser.clickAndLoad(By.cssSelector(".credential-row .revoke"));
            assertThat(browser.text(By.id("done"))).contains("Password revoked");
            assertThat(browser.text(By.cssSelector(".credential-state"))).isEqualTo("revoked");
            assertThatThrownBy(() -> signInToRelay(rep.user().primaryAddress(), password))
                    .isInstanceOf(AuthenticationFailedException.class);

            // Another rep's relay page is not this rep's to see.
            browser.go("/settings/relay?user=" + other.id());
            assertThat(browser.driver.findElements(By.id("issue-password"))).isEmpty();
        }
        // An admin sees and manages any user's set-up: a password issued for the rep is the rep's.
        try (Browser admin = Browser.open(base(), "en-US,en")) {
            admin.signIn("ui-mailsetup-admin-token-0123456789abcdef");
            admin.go("/settings/relay?user=" + rep.id());
            assertThat(admin.text(By.cssSelector(".relay-page .page-head"))).contains("Rep Relay");
            fill(admin, "label", "Outlook at home");
            admin.clickAndLoad(By.id("issue-button"));
            assertThat(admin.texts(By.cssSelector(".credential-label"))).contains("Outlook at home", "Foxmail at the office");
            admin.go("/settings/mailboxes?user=" + rep.id());
            assertThat(admin.text(By.id("mailboxes-of"))).contains("Rep Relay");
        }
    }

    /** What Foxmail does before it sends: STARTTLS (the relay's certificate accepted once), then AUTH. */
    private void signInToRelay(String username, String password) throws Exception {
        try (Transport transport = MailClient.session(relay.port(), 10_000).getTransport("smtp")) {
            transport.connect("127.0.0.1", relay.port(), username, password);
        }
    }

    private static void fill(Browser browser, String name, String value) {
        WebElement field = browser.visible(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    /** Reloads the page until what it shows satisfies {@code check}: the sync works in the background. */
    private static void awaitOnPage(Browser browser, String path, java.util.function.BooleanSupplier check) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).until(() -> {
            browser.go(path);
            return check.getAsBoolean();
        });
    }
}
