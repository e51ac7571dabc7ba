package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.Ids;
import io.genjin.store.user.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The task pane against the real add-in API, on data the product made itself: the customer's
 * earlier mail arrived through ingestion, the card is the server's, and "Log this message" goes
 * through the ingestion pipeline and lands once however often it is pressed. Only office.js is
 * simulated ({@link FakeAddinApi} with {@code genjin.test.fake-addin-api=false} serves just the stub).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"server.address=127.0.0.1", "genjin.admin-token=ui-addin-real-admin-token-0123456789abcdef",
                "genjin.addin.office-js-url=" + FakeAddinApi.OFFICE_STUB, "genjin.test.fake-addin-api=false",
                "logging.level.org.openqa.selenium.devtools.CdpVersionFinder=error"})
@Import(FakeAddinApi.Wiring.class)
@DirtiesContext
class AddinPaneOnTheRealApiInChromiumTest extends ChromiumAppTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The pane calls the API at the public URL its configuration names, so the server listens exactly there. */
    private static final int PORT = freePort();

    @org.springframework.test.context.DynamicPropertySource
    static void publicUrl(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("genjin.addin.public-url", () -> "http://127.0.0.1:" + PORT);
    }

    @org.springframework.beans.factory.annotation.Autowired
    MongoOperations mongo;

    @Test
    void theSendersCardComesFromTheirMailAndLoggingTheMessageStoresItOnce() {
        Seed seed = new Seed(store);
        Person rep = seed.person("Pane Rep", Role.REP, seed.team("Pane team " + Ids.newId()), null);
        String domain = "northwind-" + Ids.newId().substring(16) + ".example";
        Customer northwind = seed.customer("Northwind Lighting", domain, rep.user());
        String buyer = northwind.contact().addresses().get(0);
        String me = rep.user().addresses().get(0);
        ingestAs(rep.id(), """
                Message-ID: <earlier-%s@%s>
                From: Buyer <%s>
                To: <%s>
                Subject: Catalogue request
                Date: Mon, 30 Nov 2026 09:00:00 +0000

                Please send your 2027 catalogue for LED drivers.
                """.formatted(Ids.newId(), domain, buyer, me));
        String messageId = "rfq-" + Ids.newId() + "@" + domain;
        String eml = """
                Message-ID: <%s>
                From: Buyer <%s>
                To: <%s>
                Subject: RFQ 5000 LED drivers
                Date: Tue, 01 Dec 2026 09:00:00 +0000
                Content-Type: text/plain; charset=us-ascii

                Please quote 5000 pcs, FOB Ningbo, delivery in March.
                """.formatted(messageId, buyer, me).replace("\n", "\r\n");

        Map<String, Object> item = new LinkedHashMap<>();
        item.put("mode", "read");
        item.put("from", Map.of("emailAddress", buyer, "displayName", "Buyer"));
        item.put("to", List.of(Map.of("emailAddress", me)));
        item.put("subject", "RFQ 5000 LED drivers");
        item.put("internetMessageId", "<" + messageId + ">");
        item.put("eml", eml);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("item", item);
        spec.put("me", me);
        spec.put("credential", Map.of("kind", "personal", "token", rep.token(), "apiBase", base()));

        try (Browser browser = Browser.open(base(), "en-US,en")) {
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 320, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            browser.go("/addin/taskpane.html#" + URLEncoder.encode(JSON.writeValueAsString(spec), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".customer h2"),
                    "Northwind Lighting"));
            assertThat(browser.text(By.cssSelector(".customer .owner"))).isEqualTo("Your customer");
            assertThat(browser.texts(By.cssSelector(".customer .timeline li")))
                    .anySatisfy(t -> assertThat(t).contains("Catalogue request"));

            browser.driver.findElement(By.id("log")).click();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Logged"));
            assertThat(storedCopies(messageId)).isEqualTo(1);
            assertThat(store.messages().byMessageId(messageId)).get()
                    .satisfies(m -> assertThat(m.companyIds()).containsExactly(northwind.id()));

            browser.driver.findElement(By.id("log")).click();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Already on the timeline"));
            assertThat(storedCopies(messageId)).isEqualTo(1);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long storedCopies(String messageId) {
        return mongo.count(Query.query(Criteria.where("messageId").is(messageId)), "messages");
    }
}
