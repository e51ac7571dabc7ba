package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.followup.sequence.SequenceRunner;
import io.genjin.gateway.IngestResult;
import io.genjin.store.Ids;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The set-up pages as people use them: a rep adds robot channels and sends a test that a local
 * stand-in for WeCom and DingTalk receives (payload and signature checked as the platform does),
 * builds a two-step sequence, enrols contacts that ingested mail made from their customer's page, sees
 * the first step leave through their mailbox, sees why the second contact waits, pauses, resumes and
 * stops; an admin creates a team and a user who then signs in, deactivates and hands over; a rep
 * gets the 403 page; a manager reads only their own team.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=" + SetupPagesInChromiumTest.ADMIN_TOKEN, "server.address=127.0.0.1",
                "genjin.ui.time-zone=UTC",
                // The stand-in robots and the mail server listen on 127.0.0.1 over plain http/SMTP.
                "genjin.outbound.allowed-networks=127.0.0.1/32", "genjin.followup.notifications.allow-http=true",
                "genjin.mailbox.sync=false", "genjin.sequences.scan-interval=0s",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class SetupPagesInChromiumTest extends ChromiumAppTest {
    static final String ADMIN_TOKEN = "ui-setup-admin-token-0123456789abcdefghij";
    private static final String ENGLISH = "en-US,en";
    private static final String CHINESE = "zh-CN,zh;q=0.9";
    private static final String REP_ADDRESS = "walter@ourfactory.example";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();
    static HttpServer robots;

    @RegisterExtension
    static GreenMailExtension provider = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(REP_ADDRESS, REP_ADDRESS, "pw"))
            .withPerMethodLifecycle(false);

    @Autowired
    SequenceRunner runner;

    record Received(String path, String query, String body) {
    }

    @BeforeAll
    static void startRobots() throws IOException {
        robots = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        robots.createContext("/wecom", exchange -> answer(exchange, body -> "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        robots.createContext("/dingtalk", exchange -> {
            // DingTalk checks sign = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)) from the query.
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            String expected = Base64.getEncoder().encodeToString(hmac("SECsetup-secret", q.get("timestamp") + "\nSECsetup-secret"));
            answer(exchange, body -> expected.equals(q.get("sign")) ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
                    : "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        });
        robots.start();
    }

    @AfterAll
    static void stopRobots() {
        robots.stop(0);
    }

    @Test
    void repAddsRobotChannelsAndTheirTestsReachTheRobotsWithThePlatformsFormatAndSignature() {
        Seed seed = new Seed(store);
        Person rep = seed.person("Carl Channels", Role.REP, seed.team("Channels team " + Ids.newId()), null);
        String base = "http://127.0.0.1:" + robots.getAddress().getPort();
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.clickAndLoad(By.id("nav-settings"));
            browser.clickAndLoad(By.id("link-channels"));
            assertThat(browser.text(By.id("no-channels"))).isEqualTo("No channels yet: notifications stay in Genjin.");

            // An address the outbound guard refuses is told at once, and the form keeps what was typed.
            new Select(browser.visible(By.id("channel-kind"))).selectByValue("WECOM");
            type(browser, "channel-name", "Sales group");
            type(browser, "channel-url", "http://127.0.0.2:9/cgi-bin/webhook/send?key=k");
            browser.clickAndLoad(By.id("channel-submit"));
            assertThat(browser.text(By.id("problem"))).startsWith("Genjin does not send to 127.0.0.2");
            assertThat(browser.visible(By.id("channel-name")).getAttribute("value")).isEqualTo("Sales group");

            browser.visible(By.id("channel-url")).clear();
            type(browser, "channel-url", base + "/wecom?key=wecom-setup-key");
            browser.clickAndLoad(By.id("channel-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Channel added. Send a test to see that it works.");
            assertThat(browser.text(By.cssSelector(".channel .channel-target"))).isEqualTo(base + "/wecom")
                    .doesNotContain("wecom-setup-key");

            browser.clickAndLoad(By.cssSelector(".channel .test-channel"));
            assertThat(browser.text(By.id("test-outcome"))).isEqualTo("Delivered: the test message was accepted.");
            Received wecom = RECEIVED.poll();
            assertThat(wecom.path()).isEqualTo("/wecom");
            assertThat(wecom.query()).isEqualTo("key=wecom-setup-key");
            JsonNode body = JSON.readTree(wecom.body());
            assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
            assertThat(body.get("markdown").get("content").asString()).isEqualTo("### Genjin test message\n\n"
                    + "Sent by Carl Channels from Genjin’s settings. If you can read this, notifications reach you here.");

            // A DingTalk robot with signing, added with the wrong secret: the platform's own error is the outcome.
            new Select(browser.visible(By.id("channel-kind"))).selectByValue("DINGTALK");
            type(browser, "channel-url", base + "/dingtalk?access_token=ding-setup");
            type(browser, "channel-secret", "SECwrong");
            browser.clickAndLoad(By.id("channel-submit"));
            WebElement ding = browser.driver.findElements(By.cssSelector(".channel")).get(1);
            assertThat(ding.getText()).contains("DingTalk robot", "signed");
            browser.clickAndLoad(ding.findElement(By.cssSelector(".test-channel")));
            assertThat(browser.text(By.id("test-outcome")))
                    .isEqualTo("Not delivered. The platform answered: errcode 310000: sign not match");
            RECEIVED.clear();
            browser.clickAndLoad(browser.driver.findElements(By.cssSelector(".channel .remove-channel")).get(1));
            assertThat(browser.text(By.id("done"))).isEqualTo("Channel removed.");
        }
        try (Browser browser = open(CHINESE)) {
            browser.signIn(rep.token());
            browser.go("/settings/notifications");
            new Select(browser.visible(By.id("channel-kind"))).selectByValue("DINGTALK");
            type(browser, "channel-name", "钉钉群");
            type(browser, "channel-url", base + "/dingtalk?access_token=ding-setup");
            type(browser, "channel-secret", "SECsetup-secret");
            browser.clickAndLoad(By.id("channel-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("渠道已添加。发送一条测试看看是否可用。");
            browser.clickAndLoad(browser.driver.findElements(By.cssSelector(".channel .test-channel")).get(1));
            assertThat(browser.text(By.id("test-outcome"))).isEqualTo("已送达：测试消息已被接收。");
            browser.screenshot("channels-zh");
        }
        Received ding = RECEIVED.poll();
        assertThat(ding.path()).isEqualTo("/dingtalk");
        assertThat(query(ding.query())).containsEntry("access_token", "ding-setup").containsKeys("timestamp", "sign");
        JsonNode body = JSON.readTree(ding.body());
        assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("title").asString()).as("in the rep's language (en)").isEqualTo("Genjin test message");
    }

    @Test
    void repBuildsASequenceEnrolsContactsFromTheCustomerPageSeesTheFirstStepSentPausesAndStops() throws Exception {
        Seed seed = new Seed(store);
        Team team = seed.team("Sequence team " + Ids.newId());
        User walter = store.users().create("Walter Sender", List.of(REP_ADDRESS), Role.REP, team.id(), null, "en");
        String token = store.apiTokens().issue(walter.id(), "test").secret();
        Http http = new Http(port);
        assertThat(http.post(token, "/api/users/" + walter.id() + "/mailboxes", Map.of("host", "imap.ourfactory.example",
                "username", REP_ADDRESS, "secret", "pw", "smtp",
                Map.of("host", "127.0.0.1", "port", provider.getSmtp().getPort(), "security", "NONE"))).status())
                .isEqualTo(201);
        // The customer and its two contacts come from mail, as they do in real life.
        IngestResult inquiry = ingestAs(walter.id(), """
                Message-ID: <rfq-1@nordic-lamps.example>
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                From: Sven Berg <sven@nordic-lamps.example>
                To: Walter Sender <%s>
                Subject: Inquiry: LED panels
                Content-Type: text/plain; charset=utf-8

                Please send your best price for 2,000 LED panels.
                """.formatted(REP_ADDRESS));
        String companyId = inquiry.companyId();
        assertThat(companyId).as(inquiry.toString()).isNotNull();
        assertThat(ingestAs(walter.id(), """
                Message-ID: <rfq-2@nordic-lamps.example>
                Date: Tue, 01 Dec 2026 10:00:00 +0000
                From: Karin Lund <karin@nordic-lamps.example>
                To: Walter Sender <%s>
                Subject: Inquiry: LED panels (logistics)
                Content-Type: text/plain; charset=utf-8

                We will also need the packing details.
                """.formatted(REP_ADDRESS)).companyId()).isEqualTo(companyId);
        String noon = zoneWhereItIsAroundNoon();
        String companyName = store.companies().get(companyId).name();
        String svenEnrollment;

        try (Browser browser = open(ENGLISH)) {
            browser.signIn(token);
            browser.clickAndLoad(By.id("nav-sequences"));
            browser.clickAndLoad(By.id("new-sequence"));
            type(browser, "seq-name", "Nordic LED follow-up");
            setValue(browser, "seq-start", "00:00");
            setValue(browser, "seq-end", "23:59");
            browser.visible(By.id("seq-day-SATURDAY")).click();
            browser.visible(By.id("seq-day-SUNDAY")).click();
            assertThat(browser.text(By.id("placeholders"))).contains("{{contact.firstName}}", "{{company.name}}");
            setValue(browser, "s0-days", "0");
            type(browser, "s0-subject", "LED panels for {{company.name}}, {{contact.firstName}}");
            type(browser, "s0-body", "Dear {{contact.name}},\n\nhere is our offer for {{product}}.\n\n{{owner.name}}");
            setValue(browser, "s1-days", "3");
            type(browser, "s1-subject", "Following up, {{contact.firstName}}");
            type(browser, "s1-body", "Any questions about the {{product}}?");
            browser.screenshot("sequence-form-en");
            browser.clickAndLoad(By.id("sequence-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Sequence created.");
            assertThat(browser.text(By.id("sequence-name"))).isEqualTo("Nordic LED follow-up");
            assertThat(browser.texts(By.cssSelector(".step .step-subject"))).containsExactly(
                    "LED panels for {{company.name}}, {{contact.firstName}}", "Following up, {{contact.firstName}}");
            assertThat(browser.texts(By.cssSelector(".step .step-delay"))).containsExactly(
                    "0 days 0 hours after enrolling", "3 days 0 hours after the previous step");

            // Enrolling from the customer page: the sequence's own placeholder must be filled.
            browser.go("/customers/" + companyId);
            browser.clickAndLoad(By.id("customer-sequences"));
            new Select(browser.visible(By.id("enroll-sequence"))).selectByVisibleText("Nordic LED follow-up (product)");
            new Select(browser.visible(By.id("enroll-contact"))).selectByVisibleText("Sven Berg <sven@nordic-lamps.example>");
            type(browser, "enroll-zone", noon);
            browser.clickAndLoad(By.id("enroll-submit"));
            assertThat(browser.text(By.id("problem"))).isEqualTo(
                    "This sequence needs values for: product. Add them one per line as name = value.");
            type(browser, "enroll-variables", "product = 2k LED panels");
            browser.clickAndLoad(By.id("enroll-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Enrolled. The first step goes out when due, inside the send window.");
            new Select(browser.visible(By.id("enroll-sequence"))).selectByVisibleText("Nordic LED follow-up (product)");
            new Select(browser.visible(By.id("enroll-contact"))).selectByVisibleText("Karin Lund <karin@nordic-lamps.example>");
            type(browser, "enroll-variables", "product = 2k LED panels");
            type(browser, "enroll-zone", noon);
            browser.clickAndLoad(By.id("enroll-submit"));
            assertThat(browser.texts(By.cssSelector(".enrollment .enrollment-sent")))
                    .containsExactly("0 of 2 steps sent", "0 of 2 steps sent");

            // The scan (run here by hand): Sven's first step leaves through Walter's mailbox; Karin's waits
            // for the gap between two sends from one mailbox, and the page says so.
            runner.runDue(10);
            assertThat(provider.getReceivedMessages()).hasSize(1);
            MimeMessage sent = provider.getReceivedMessages()[0];
            assertThat(sent.getSubject()).isEqualTo("LED panels for " + companyName + ", Sven");
            assertThat(sent.getAllRecipients()[0].toString()).contains("sven@nordic-lamps.example");
            browser.go("/customers/" + companyId + "/sequences");
            WebElement karin = browser.driver.findElements(By.cssSelector(".enrollment")).get(0);
            WebElement sven = browser.driver.findElements(By.cssSelector(".enrollment")).get(1);
            String svenId = sven.getAttribute("id");
            svenEnrollment = svenId.substring("enrollment-".length());
            assertThat(sven.findElement(By.className("enrollment-sent")).getText()).isEqualTo("1 of 2 steps sent");
            assertThat(sven.findElement(By.className("sent-steps")).getText()).startsWith("Step 1: ").endsWith(", sent");
            assertThat(sven.findElement(By.className("enrollment-next")).getText()).startsWith("Step 2 due ");
            assertThat(karin.findElement(By.className("enrollment-why")).getText()).isEqualTo(
                    "Waiting a moment: your mailbox sent another sequence mail just before (mail is spaced out).");
            browser.screenshot("customer-sequences-en");
            browser.go("/customers/" + companyId + "/sequences?lang=zh-CN");
            assertThat(browser.driver.findElements(By.cssSelector(".enrollment .enrollment-why")).get(0).getText())
                    .isEqualTo("稍等片刻：你的邮箱刚刚发出另一封序列邮件（邮件会错开发送）。");
            browser.go("/customers/" + companyId + "/sequences?lang=en");

            browser.clickAndLoad(By.cssSelector("#" + svenId + " .pause-enrollment"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Paused.");
            assertThat(browser.text(By.cssSelector("#" + svenId + " .enrollment-status"))).isEqualTo("Paused");
            assertThat(browser.text(By.cssSelector("#" + svenId + " .enrollment-paused")))
                    .endsWith("nothing is sent until it is resumed.");
            browser.clickAndLoad(By.cssSelector("#" + svenId + " .resume-enrollment"));
            assertThat(browser.text(By.cssSelector("#" + svenId + " .enrollment-status"))).isEqualTo("Active");
            browser.clickAndLoad(By.cssSelector("#" + svenId + " .stop-enrollment"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Stopped.");
            assertThat(browser.text(By.cssSelector("#" + svenId + " .enrollment-status"))).isEqualTo("Stopped");
            assertThat(browser.text(By.cssSelector("#" + svenId + " .enrollment-stop"))).startsWith("Stopped by hand");
            assertThat(browser.driver.findElements(By.cssSelector("#" + svenId + " .enrollment-actions"))).isEmpty();

            // The sequence's own page lists both, as the rep may see them.
            browser.go("/sequences");
            browser.clickAndLoad(By.linkText("Nordic LED follow-up"));
            assertThat(browser.texts(By.cssSelector("#enrollments .enrollment-contact"))).containsExactly("Karin Lund", "Sven Berg");
            browser.screenshot("sequence-en");
        }
        // What the page did is what the API reads.
        var stopped = http.get(token, "/api/sequences/enrollments/" + svenEnrollment).json();
        assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
        assertThat(stopped.get("stopReason").asString()).isEqualTo("MANUAL");
        assertThat(stopped.get("sent")).hasSize(1);
    }

    @Test
    void adminCreatesATeamAndAUserWhoSignsInThenDeactivatesThemAndHandsTheirCustomersOver() {
        Seed seed = new Seed(store);
        Team old = seed.team("Old team " + Ids.newId());
        Person keeper = seed.person("Kim Keeper", Role.REP, old, null);
        String teamName = "Export Nordics " + Ids.newId().substring(18);
        String address = "nina-" + Ids.newId().substring(18) + "@ourfactory.example";
        String ninaToken;
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(ADMIN_TOKEN);
            browser.clickAndLoad(By.id("nav-settings"));
            browser.clickAndLoad(By.id("link-users"));
            type(browser, "team-name", teamName);
            browser.clickAndLoad(By.id("team-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Team created.");
            String teamRow = "//li[contains(@class,'team')][span[text()='" + teamName + "']]";
            WebElement rename = browser.visible(By.xpath(teamRow + "//input[@name='name']"));
            rename.clear();
            teamName = teamName.replace("Export", "Exports");
            rename.sendKeys(teamName);
            browser.clickAndLoad(By.xpath(teamRow + "//button"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Team renamed.");
            assertThat(browser.texts(By.cssSelector("#team-list .team-name"))).contains(teamName);

            type(browser, "user-name", "Nina New");
            type(browser, "user-address", keeper.user().addresses().get(0));
            new Select(browser.visible(By.id("user-team"))).selectByVisibleText(teamName);
            new Select(browser.visible(By.id("user-locale"))).selectByValue("en");
            browser.clickAndLoad(By.id("user-submit"));
            assertThat(browser.text(By.id("problem"))).isEqualTo(keeper.user().addresses().get(0)
                    + " already belongs to another user.");
            assertThat(browser.visible(By.id("user-name")).getAttribute("value")).isEqualTo("Nina New");
            browser.visible(By.id("user-address")).clear();
            type(browser, "user-address", address);
            new Select(browser.visible(By.id("user-team"))).selectByVisibleText(teamName);
            browser.clickAndLoad(By.id("user-submit"));
            assertThat(browser.text(By.id("done"))).isEqualTo("User created.");
            assertThat(browser.text(By.cssSelector("#issued-token p"))).startsWith("Give this sign-in token to Nina New.");
            ninaToken = browser.text(By.id("issued-secret"));
            User nina = store.users().byAddress(address).orElseThrow();
            assertThat(browser.text(By.cssSelector("#user-" + nina.id() + " .user-team"))).isEqualTo(teamName);
            assertThat(browser.text(By.cssSelector("#user-" + nina.id() + " .user-role"))).isEqualTo("Sales rep");
            browser.screenshot("users-en");
        }
        User nina = store.users().byAddress(address).orElseThrow();
        Customer hers = seed.customer("Fjord Supplies", "fjord-" + Ids.newId().substring(18) + ".example", nina);
        try (Browser ninasBrowser = open(ENGLISH)) {
            ninasBrowser.signIn(ninaToken);
            assertThat(ninasBrowser.text(By.cssSelector(".who-name"))).isEqualTo("Nina New");
            assertThat(ninasBrowser.texts(By.className("customer-link"))).contains("Fjord Supplies");

            try (Browser browser = open(ENGLISH)) {
                browser.signIn(ADMIN_TOKEN);
                browser.go("/settings/users");
                String row = "#user-" + nina.id();
                new Select(browser.visible(By.cssSelector(row + " .change-user select[name=role]"))).selectByValue("MANAGER");
                new Select(browser.visible(By.cssSelector(row + " .change-user select[name=teamId]"))).selectByValue("");
                browser.clickAndLoad(By.cssSelector(row + " .change-user button"));
                assertThat(browser.text(By.id("done"))).isEqualTo("User changed.");
                assertThat(browser.text(By.cssSelector(row + " .user-role"))).isEqualTo("Manager");
                assertThat(browser.text(By.cssSelector(row + " .user-team"))).isEqualTo("—");
                browser.clickAndLoad(By.cssSelector(row + " .deactivate-user"));
                assertThat(browser.text(By.id("done"))).startsWith("User deactivated: they can no longer sign in.");
                assertThat(browser.text(By.cssSelector(row + " .user-active"))).isEqualTo("Deactivated");
                assertThat(browser.text(By.cssSelector(row + " .hand-over span"))).isEqualTo("Customers still theirs: 1. Hand them to");
                new Select(browser.visible(By.cssSelector(row + " .hand-over select"))).selectByVisibleText("Kim Keeper");
                browser.clickAndLoad(By.cssSelector(row + " .hand-over button"));
                assertThat(browser.text(By.id("done"))).isEqualTo("Customers handed over: 1.");
                assertThat(browser.driver.findElements(By.cssSelector(row + " .hand-over"))).isEmpty();
            }
            // Her open session ends at her next click, and her token no longer signs her in.
            ninasBrowser.go("/customers");
            assertThat(ninasBrowser.path()).isEqualTo("/signin");
            assertThat(ninasBrowser.text(By.id("signin-deactivated"))).startsWith("This account was deactivated.");
            ninasBrowser.signIn(ninaToken);
            assertThat(ninasBrowser.text(By.id("signin-error"))).isNotBlank();
        }
        assertThat(store.companies().get(hers.id()).ownerId()).isEqualTo(keeper.id());
        assertThat(new Http(port).get(ninaToken, "/api/me").status()).isEqualTo(401);
        try (Browser keepers = open(ENGLISH)) {
            keepers.signIn(keeper.token());
            keepers.go("/customers/" + hers.id());
            assertThat(keepers.text(By.id("customer-owner"))).isEqualTo("Kim Keeper");
        }
    }

    @Test
    void aRepGetsTheForbiddenPageAndAManagerReadsOnlyTheirOwnTeam() {
        Seed seed = new Seed(store);
        Team north = seed.team("North " + Ids.newId());
        Team south = seed.team("South " + Ids.newId());
        Person manager = seed.person("Mona North", Role.MANAGER, north, null);
        Person rep = seed.person("Nils North", Role.REP, north, manager.user());
        seed.person("Sara South", Role.REP, south, null);
        try (Browser browser = open(ENGLISH)) {
            browser.signIn(rep.token());
            browser.go("/settings");
            assertThat(browser.driver.findElements(By.id("link-users"))).isEmpty();
            assertThat(browser.driver.findElements(By.id("link-channels"))).hasSize(1);
            browser.go("/settings/users");
            assertThat(browser.text(By.cssSelector("#error .error-code"))).isEqualTo("403");
        }
        try (Browser browser = open(CHINESE)) {
            browser.signIn(manager.token());
            browser.go("/settings");
            browser.clickAndLoad(By.id("link-users"));
            assertThat(browser.texts(By.cssSelector(".user-row .user-name"))).containsExactly("Mona North", "Nils North");
            assertThat(browser.texts(By.cssSelector("#team-list .team-name"))).containsExactly(north.name());
            assertThat(browser.driver.findElements(By.id("user-new"))).isEmpty();
            assertThat(browser.driver.findElements(By.cssSelector(".user-actions, .rename-team, #team-form"))).isEmpty();
            assertThat(browser.text(By.cssSelector(".user-row .user-role"))).isEqualTo("经理");
        }
    }

    @Test
    void aRepMakesAnApiTokenSeesItOnceAndRevokesIt() {
        Seed seed = new Seed(store);
        Person rep = seed.person("Tom Tokens", Role.REP, seed.team("Tokens team " + Ids.newId()), null);
        Http http = new Http(port);
        String secret;
        try (Browser browser = open(CHINESE)) {
            browser.signIn(rep.token());
            browser.go("/settings");
            browser.clickAndLoad(By.id("link-tokens"));
            assertThat(browser.texts(By.cssSelector(".token-row .token-label"))).containsExactly("test");
            type(browser, "token-label", "Outlook 插件");
            browser.clickAndLoad(By.id("token-submit"));
            assertThat(browser.text(By.cssSelector("#issued-token p"))).isEqualTo("请立即复制：它只显示这一次。");
            secret = browser.text(By.id("issued-secret"));
            assertThat(http.get(secret, "/api/me").json().get("name").asString()).isEqualTo("Tom Tokens");
            browser.go("/settings/tokens");
            assertThat(browser.driver.findElements(By.id("issued-token"))).as("shown once").isEmpty();
            assertThat(browser.driver.getPageSource()).doesNotContain(secret);
            assertThat(browser.texts(By.cssSelector(".token-row .token-label"))).containsExactly("Outlook 插件", "test");
            browser.clickAndLoad(By.cssSelector(".token-row .revoke-token"));
            assertThat(browser.text(By.id("done"))).isEqualTo("令牌已撤销：不能再用它登录。");
            assertThat(browser.texts(By.cssSelector(".token-row .token-state")).get(0)).endsWith("已撤销");
            assertThat(browser.texts(By.cssSelector(".token-row .token-state")).get(1)).isEqualTo("使用中");
        }
        assertThat(http.get(secret, "/api/me").status()).as("revoked").isEqualTo(401);
        assertThat(http.get(rep.token(), "/api/me").status()).as("the other token still works").isEqualTo(200);
    }

    @Test
    void anOpenSessionTakesARoleChangeAtTheNextRequestAndEndsWhenTheUserIsDeactivated() {
        Seed seed = new Seed(store);
        Team team = seed.team("Session team " + Ids.newId());
        Person rep = seed.person("Sam Session", Role.REP, team, null);
        PageClient pages = PageClient.signedIn(base(), rep.token());
        assertThat(pages.get("/settings/users").statusCode()).isEqualTo(403);
        User user = rep.user();
        store.users().save(new User(user.id(), user.name(), user.addresses(), Role.MANAGER, user.teamId(), null,
                user.locale(), user.createdAt()));
        assertThat(pages.get("/settings/users").statusCode()).as("a manager now").isEqualTo(200);
        store.users().setDeactivated(user.id(), Instant.now());
        var refused = pages.get("/customers");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
        assertThat(new String(pages.get("/signin").body(), StandardCharsets.UTF_8)).contains("This account was deactivated.");
        assertThat(new String(pages.get("/signin").body(), StandardCharsets.UTF_8)).as("told once")
                .doesNotContain("This account was deactivated.");
        assertThat(pages.get("/customers").headers().firstValue("Location").orElseThrow()).as("no longer signed in")
                .endsWith("/signin");
    }

    private static String zoneWhereItIsAroundNoon() {
        int hour = Instant.now().atZone(ZoneOffset.UTC).getHour();
        int offset = 12 - hour;
        if (offset > 14) {
            offset -= 24;
        } else if (offset < -12) {
            offset += 24;
        }
        return ZoneOffset.ofHours(offset).getId().replace("Z", "+00:00");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, java.util.function.UnaryOperator<String> reply)
            throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), body));
        byte[] bytes = reply.apply(body).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void type(Browser browser, String id, String text) {
        browser.visible(By.id(id)).sendKeys(text);
    }

    /** Time and number inputs take keystrokes in the browser's locale format; setting the value is locale-free. */
    private static void setValue(Browser browser, String id, String value) {
        WebElement field = browser.visible(By.id(id));
        browser.driver.executeScript("arguments[0].value = arguments[1]", field, value);
    }

    private Browser open(String acceptLanguage) {
        return Browser.open("http://127.0.0.1:" + port, acceptLanguage);
    }
}
