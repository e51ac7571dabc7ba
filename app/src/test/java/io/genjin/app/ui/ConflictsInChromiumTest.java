package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.store.audit.AuditEntry;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.tracking.TrackHits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A manager cleans up after two reps who worked one customer twice: Alice's mailbox made a lead from
 * a buyer's mail, Bob wrote to that buyer too (撞客) and also entered the company himself through the
 * form, where his own mail and a tracked quotation landed. The manager compares the duplicates,
 * merges them, and hands the customer to Bob, all in the browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genjin.admin-token=" + ConflictsInChromiumTest.ADMIN_TOKEN, "server.address=127.0.0.1",
                "genjin.ui.time-zone=UTC", "genjin.tracking.delivery-window=0s", "genjin.tracking.session-gap=1ms",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@DirtiesContext
class ConflictsInChromiumTest extends ChromiumAppTest {
    static final String ADMIN_TOKEN = "ui-conflicts-admin-token-0123456789abcdef";
    private static final String BROWSER =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    @Autowired
    TrackHits hits;

    @Test
    void managerMergesTheDuplicateAndHandsTheContestedCustomerOver() throws Exception {
        Seed seed = new Seed(store);
        Team team = seed.team("Conflict team");
        Person manager = seed.person("Mona Manager", Role.MANAGER, team, null);
        Person alice = seed.person("Alice Owner", Role.REP, team, manager.user());
        Person bob = seed.person("Bob Claimant", Role.REP, team, manager.user());
        String aliceAddress = alice.user().addresses().get(0);
        String bobAddress = bob.user().addresses().get(0);

        // Alice's mailbox: a buyer's inquiry makes a lead, owned by her.
        IngestResult inquiry = ingestAs(alice.id(), """
                Message-ID: <inq-1@nordwind.com>
                Date: Mon, 30 Nov 2026 08:00:00 +0000
                From: Hans Buyer <buyer@nordwind.com>
                To: Alice <%s>
                Subject: Inquiry LED panels

                Please quote 200 pcs.
                """.formatted(aliceAddress));
        String nordwind = inquiry.companyId();
        assertThat(store.companies().get(nordwind).ownerId()).isEqualTo(alice.id());

        // Bob writes to the same buyer from his mailbox: 撞客.
        ingestAs(bob.id(), """
                Message-ID: <bob-1@team.example>
                Date: Mon, 30 Nov 2026 09:00:00 +0000
                From: Bob <%s>
                To: Hans Buyer <buyer@nordwind.com>
                Subject: Our LED catalogue

                Hello Hans, here is our catalogue.
                """.formatted(bobAddress));
        assertThat(store.conflicts().openOf(nordwind)).singleElement()
                .satisfies(c -> assertThat(c.claimantId()).isEqualTo(bob.id()));

        String bobsCompany;
        try (Browser browser = open()) {
            browser.signIn(bob.token());
            assertThat(browser.driver.findElements(By.id("nav-conflicts"))).as("not for reps").isEmpty();
            browser.clickAndLoad(By.id("new-customer"));
            browser.visible(By.id("form-name")).sendKeys("Nordwind GmbH");
            browser.visible(By.id("form-domains")).sendKeys("nordwind.de");
            browser.clickAndLoad(By.id("customer-submit"));
            bobsCompany = browser.path().replaceFirst("^/customers/", "");
            browser.go("/conflicts");
            assertThat(browser.text(By.className("error-code"))).isEqualTo("403");
        }

        // Bob's mailbox gets the German office's mail, and Bob sends it a tracked quotation that is opened.
        IngestResult german = ingestAs(bob.id(), """
                Message-ID: <de-1@nordwind.de>
                Date: Tue, 01 Dec 2026 08:00:00 +0000
                From: Einkauf <einkauf@nordwind.de>
                To: Bob <%s>
                Subject: Anfrage LED-Panels

                Bitte um Angebot.
                """.formatted(bobAddress));
        assertThat(german.companyId()).isEqualTo(bobsCompany);
        var quote = new Http(port).post(bob.token(), "/api/tracking/instrument", Map.of("messageId",
                "<quote-de-1@team.example>", "quote", true, "subject", "Angebot Q-DE-1", "html", "<p>Unser Angebot</p>",
                "recipients", List.of("einkauf@nordwind.de")));
        assertThat(quote.status()).as(quote.toString()).isEqualTo(201);
        fetch(URI.create(quote.json().get("recipients").get(0).get("pixelUrl").asString()).getRawPath());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(hits::drained);

        String preview = "/duplicates/preview?survivor=" + nordwind + "&loser=" + bobsCompany;
        try (Browser browser = open()) {
            browser.signIn(manager.token());
            browser.go("/customers/" + bobsCompany);
            String loserOpens = browser.text(By.id("quote-opens"));
            assertThat(loserOpens).isNotEqualTo("0 by people, 0 by machines");
            assertThat(browser.text(By.className("customer-duplicate"))).contains("Possible duplicate of Nordwind");

            browser.clickAndLoad(By.id("nav-conflicts"));
            assertThat(browser.text(By.id("conflicts"))).contains("Nordwind", "Alice Owner", "Bob Claimant");
            assertThat(browser.text(By.cssSelector(".conflict-owner"))).contains("1 message, first 2026-11-30");
            assertThat(browser.text(By.cssSelector(".conflict-claimant"))).contains("1 message, first 2026-11-30");

            browser.clickAndLoad(By.id("tab-duplicates"));
            assertThat(browser.text(By.cssSelector(".duplicate-row .duplicate-reason"))).isEqualTo("Same name: nordwind");
            browser.clickAndLoad(By.cssSelector(".duplicate-row .preview-merge"));
            assertThat(cells(browser, "field-name")).containsExactly("Nordwind", "Nordwind GmbH", "Nordwind");
            assertThat(cells(browser, "field-owner")).containsExactly("Alice Owner", "Bob Claimant", "Alice Owner");
            assertThat(cells(browser, "field-domains")).containsExactly("nordwind.com", "nordwind.de",
                    "nordwind.com, nordwind.de");
            assertThat(cells(browser, "count-messages")).containsExactly("2", "1", "3");
            assertThat(cells(browser, "count-trackedMessages")).containsExactly("0", "1", "1");
            assertThat(browser.text(By.cssSelector("#field-contacts .loser-contacts"))).contains("einkauf@nordwind.de");
            browser.screenshot("merge-preview");

            browser.clickAndLoad(By.id("swap"));
            assertThat(cells(browser, "field-name")).containsExactly("Nordwind GmbH", "Nordwind", "Nordwind GmbH");
            browser.clickAndLoad(By.id("swap"));
            assertThat(cells(browser, "field-name").get(0)).isEqualTo("Nordwind");

            browser.clickAndLoad(By.id("confirm-merge"));
            assertThat(browser.path()).isEqualTo("/customers/" + nordwind);
            assertThat(browser.text(By.id("done"))).startsWith("Customers merged");
            assertThat(browser.texts(By.cssSelector("#timeline .activity-title")))
                    .contains("Anfrage LED-Panels", "Inquiry LED panels", "Our LED catalogue");
            assertThat(browser.text(By.id("quote-opens"))).isEqualTo(loserOpens);
            assertThat(browser.text(By.id("customer-domains"))).contains("nordwind.com", "nordwind.de");
            assertThat(browser.driver.findElements(By.className("customer-duplicate"))).isEmpty();
            assertThat(browser.text(By.className("customer-conflict"))).contains("Bob Claimant is also writing");

            browser.go(preview);
            assertThat(browser.text(By.id("stale"))).contains("merged in the meantime", "Nothing was changed");
            assertThat(browser.driver.findElements(By.id("confirm-merge"))).isEmpty();

            browser.go("/customers/" + nordwind);
            browser.clickAndLoad(By.cssSelector(".customer-conflict a"));
            assertThat(browser.text(By.cssSelector(".conflict-claimant"))).contains("2 messages");
            browser.screenshot("conflicts");
            browser.clickAndLoad(By.cssSelector(".conflict-row .hand-over"));
            assertThat(browser.text(By.id("done"))).isEqualTo("Conflict closed: the customer was handed over.");
            assertThat(browser.visible(By.id("no-conflicts")).isDisplayed()).isTrue();

            for (Person told : List.of(alice, bob)) {
                assertThat(new Http(port).get(told.token(), "/api/notifications").body())
                        .contains("撞客 decided: Nordwind goes to Bob Claimant");
            }
            assertThat(new Http(port).get(manager.token(), "/api/notifications").body()).doesNotContain("撞客");

            browser.go("/customers/" + nordwind);
            assertThat(browser.text(By.id("customer-owner"))).isEqualTo("Bob Claimant");
            assertThat(browser.driver.findElements(By.className("customer-conflict"))).isEmpty();

            // A third Nordwind entered through the API; while its comparison is open, an admin merges it.
            var third = new Http(port).post(alice.token(), "/api/companies", Map.of("name", "Nordwind Ltd",
                    "domains", List.of("nordwind.co.uk")));
            assertThat(third.status()).as(third.toString()).isEqualTo(201);
            String thirdId = third.json().get("id").asString();
            browser.go("/duplicates/preview?survivor=" + nordwind + "&loser=" + thirdId);
            assertThat(cells(browser, "field-name")).containsExactly("Nordwind", "Nordwind Ltd", "Nordwind");
            assertThat(new Http(port).post(ADMIN_TOKEN, "/api/companies/" + nordwind + "/merge",
                    Map.of("loserId", thirdId)).status()).isEqualTo(200);
            browser.clickAndLoad(By.id("confirm-merge"));
            assertThat(browser.text(By.id("stale"))).isEqualTo(
                    "The other customer was merged in the meantime, so this pair no longer exists. Nothing was changed.");
            assertThat(store.audit().about("company", nordwind).stream()
                    .filter(e -> e.action().equals("company.merged")).count()).as("merged once, by the admin").isEqualTo(2);

            browser.go("/conflicts?lang=zh-CN");
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("撞客（归属冲突）");
            browser.screenshot("conflicts-zh");
        }
        assertThat(store.audit().about("company", nordwind)).extracting(AuditEntry::action)
                .contains("company.merged", "conflict.resolved", "company.reowned");
        assertThat(store.companies().get(bobsCompany).mergedInto()).isEqualTo(nordwind);
    }

    private static List<String> cells(Browser browser, String rowId) {
        return browser.texts(By.cssSelector("#" + rowId + " td"));
    }

    private void fetch(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("User-Agent", BROWSER).GET().build();
        assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);
    }

    private Browser open() {
        return Browser.open(base(), "en-US,en");
    }
}
