package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.genjin.app.relay.RelayConfiguration;
import io.genjin.app.support.FakeAuthorizationServer;
import io.genjin.app.support.MailClient;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.store.mailbox.MailboxAccount;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.relay.OutboundMail;
import io.genjin.store.relay.RelayStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Sign in with Microsoft" end to end without the internet: a strict fake authorization server on
 * 127.0.0.1 whose access tokens last one second, and GreenMail (IMAP and SMTP) accepting only the
 * access tokens that server issued by a refresh. The rep signs in through the redirect and callback
 * in Chromium; mail syncs (so Genjin refreshed the token before logging in with XOAUTH2) and a
 * message sent through the relay goes out over SMTP with a refreshed token; when the provider
 * withdraws the grant, the page asks the rep to sign in again, and signing in again heals it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-oauth-admin-token-0123456789abcdef",
                "genjin.mailbox.poll-interval=2s", "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class MailboxSignInInChromiumTest extends ChromiumAppTest {
    private static final String ADDRESS = "li.lei@contoso-oauth.com";
    private static GreenMail mail;
    private static FakeAuthorizationServer provider;

    @Autowired
    MailboxStore mailboxes;
    @Autowired
    RelayStore relayStore;
    @Autowired
    RelayConfiguration.RelayLifecycle relay;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        mail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
        mail.start();
        mail.setUser(ADDRESS, ADDRESS, "no-token-yet");
        provider = new FakeAuthorizationServer("genjin-test-client", "genjin-test-secret", ADDRESS, 1,
                token -> mail.getUserManager().getUser(ADDRESS).setPassword(token));
        registry.add("genjin.outbound.allowed-networks", () -> "127.0.0.1/32");
        registry.add("genjin.mailbox.oauth.microsoft.client-id", () -> "genjin-test-client");
        registry.add("genjin.mailbox.oauth.microsoft.client-secret", () -> "genjin-test-secret");
        registry.add("genjin.mailbox.oauth.microsoft.authorize-uri", () -> provider.url("/authorize"));
        registry.add("genjin.mailbox.oauth.microsoft.token-uri", () -> provider.url("/token"));
        registry.add("genjin.mailbox.oauth.microsoft.imap-host", () -> "127.0.0.1");
        registry.add("genjin.mailbox.oauth.microsoft.imap-port", () -> mail.getImap().getPort());
        registry.add("genjin.mailbox.oauth.microsoft.imap-security", () -> "NONE");
        registry.add("genjin.mailbox.oauth.microsoft.smtp-host", () -> "127.0.0.1");
        registry.add("genjin.mailbox.oauth.microsoft.smtp-port", () -> mail.getSmtp().getPort());
        registry.add("genjin.mailbox.oauth.microsoft.smtp-security", () -> "NONE");
    }

    @AfterAll
    static void stopServers() {
        if (provider != null) {
            provider.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void repSignsInWithMicrosoftAndGenjinKeepsTheMailboxSignedInByRefreshingItsTokens() throws Exception {
        provider.register(base() + "/settings/mailboxes/oauth/callback");
        Seed seed = new Seed(store);
        User rep = store.users().create("Li Lei", List.of(ADDRESS), Role.REP, seed.team("OAuth team").id(), null, "en");
        String token = store.apiTokens().issue(rep.id(), "test").secret();
        Customer fabrikam = seed.customer("Fabrikam OAuth", "fabrikam-oauth.com", rep);
        GreenMailUtil.sendTextEmail(ADDRESS, "buyer@fabrikam-oauth.com", "RFQ for 500 drivers", "Please quote.",
                mail.getSmtp().getServerSetup());

        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(token);
            browser.go("/settings/mailboxes");
            WebElement address = browser.visible(By.cssSelector("#oauth-microsoft input[name=address]"));
            assertThat(address.getAttribute("value")).isEqualTo(ADDRESS);
            browser.clickAndLoad(By.cssSelector("#oauth-microsoft .oauth-start"));
            assertThat(browser.path()).startsWith("/settings/mailboxes");
            assertThat(browser.text(By.id("done"))).contains("Signed in");
            assertThat(provider.problems()).isEmpty();
            MailboxAccount account = mailboxes.accounts().ofUser(rep.id()).get(0);
            assertThat(account.auth()).isEqualTo(MailboxAccount.Auth.XOAUTH2);
            assertThat(account.username()).isEqualTo(ADDRESS);
            assertThat(account.smtp().port()).isEqualTo(mail.getSmtp().getPort());
            // The same callback again (a replayed or bookmarked URL) is refused: a sign-in is used once,
            // also now that the session lives in the store.
            browser.go(provider.lastRedirect().substring(base().length()));
            assertThat(browser.text(By.id("problem"))).contains("not started here");
            assertThat(mailboxes.accounts().ofUser(rep.id())).hasSize(1);

            // The token from the code lasts a second and the mail server never accepts it: the
            // inquiry can only reach the timeline if Genjin refreshed the token before logging in.
            awaitOnPage(browser, "/customers/" + fabrikam.company().id(),
                    () -> browser.text(By.id("timeline")).contains("RFQ for 500 drivers"));
            assertThat(provider.refreshes()).isGreaterThanOrEqualTo(1);
            browser.go("/settings/mailboxes");
            assertThat(browser.text(By.cssSelector(".mailbox-server"))).contains("signed in with the provider");
            assertThat(browser.driver.findElements(By.cssSelector(".mailbox-problem"))).isEmpty();

            // Sending as the rep through the relay signs in to SMTP with a freshly refreshed token.
            browser.go("/settings/relay");
            browser.visible(By.name("label")).sendKeys("Foxmail");
            browser.clickAndLoad(By.id("issue-button"));
            String relayPassword = browser.text(By.id("issued-password"));
            int before = provider.refreshes();
            sendThroughRelay(relayPassword, "Quotation for 500 drivers", "<q-1@contoso-oauth.com>");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessages().length >= 2);
            assertThat(List.of(mail.getReceivedMessages())).anySatisfy(m ->
                    assertThat(m.getSubject()).isEqualTo("Quotation for 500 drivers"));
            assertThat(provider.refreshes()).isGreaterThan(before);

            // The rep withdraws Genjin's access at Microsoft: the next refresh is refused for good.
            provider.revokeAll();
            // The relay tells the mail client at once, and keeps the message for after the rep signs in again.
            assertThatThrownBy(() -> sendThroughRelay(relayPassword, "Second quotation", "<q-2@contoso-oauth.com>"))
                    .hasMessageContaining("454").hasMessageContaining("sign in to it again");
            assertThat(relayStore.outbound().ofUser(rep.id(), List.of(OutboundMail.Status.QUEUED), 10))
                    .extracting(OutboundMail::lastCode).containsExactly(454);
            browser.go("/settings/mailboxes");
            assertThat(browser.text(By.cssSelector(".mailbox-problem .problem-words"))).contains("sign in again");
            browser.go("/settings/mailboxes?lang=zh-CN");
            assertThat(browser.text(By.cssSelector(".mailbox-problem .problem-words"))).contains("重新登录");
            int refreshesWhileRevoked = provider.refreshes();

            // Signing in again heals it: the same mailbox, a fresh grant, no problem shown.
            provider.allowAgain();
            browser.clickAndLoad(By.cssSelector(".mailbox-problem .reconnect"));
            assertThat(browser.text(By.id("done"))).contains("已重新登录");
            assertThat(mailboxes.accounts().ofUser(rep.id())).hasSize(1);
            assertThat(mailboxes.accounts().grantOf(account.id()).orElseThrow().needsSignIn()).isFalse();
            assertThat(browser.driver.findElements(By.cssSelector(".mailbox-problem"))).isEmpty();
            assertThat(refreshesWhileRevoked).isEqualTo(provider.refreshes());
            assertThat(provider.problems()).isEmpty();
        }
    }

    @Test
    void aCallbackWithAStateThisSessionDidNotStartChangesNothing() {
        Seed seed = new Seed(store);
        User rep = store.users().create("Han Meimei", List.of("han@contoso-oauth.com"), Role.REP,
                seed.team("OAuth team 2").id(), null, "en");
        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.signIn(store.apiTokens().issue(rep.id(), "test").secret());
            browser.go("/settings/mailboxes/oauth/callback?code=code-1&state=forged");
            assertThat(browser.path()).isEqualTo("/settings/mailboxes");
            assertThat(browser.text(By.id("problem"))).contains("not started here");
            assertThat(mailboxes.accounts().ofUser(rep.id())).isEmpty();
        }
    }

    private void sendThroughRelay(String password, String subject, String messageId) throws Exception {
        MimeMessage message = MailClient.message(MailClient.session(relay.port()), messageId);
        message.setFrom(new InternetAddress(ADDRESS, "Li Lei"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("buyer@fabrikam-oauth.com"));
        message.setSubject(subject, "UTF-8");
        message.setText("Our price: USD 3.20 per piece.", "UTF-8");
        Transport.send(message, ADDRESS, password);
    }

    private static void awaitOnPage(Browser browser, String path, java.util.function.BooleanSupplier check) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).until(() -> {
            browser.go(path);
            return check.getAsBoolean();
        });
    }
}
