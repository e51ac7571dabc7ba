package io.genjin.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.store.CrmStore;
import io.genjin.store.linking.CorrectMessageLinks;
import io.genjin.store.linking.MergeCustomers;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/search} over mail ingested through the pipeline: each caller finds and counts what
 * their role and scope let them see, and a relink or a merge changes that as soon as the index hears
 * of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SearchApiTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    IngestionPipeline pipeline;
    @Autowired
    MailSearch index;
    @Autowired
    CorrectMessageLinks corrections;
    @Autowired
    MergeCustomers merges;

    private Http http;
    private Person manager;
    private Person rep;
    private Person teammate;
    private Person other;
    private Customer acme;
    private Customer beta;
    private Customer gamma;
    private String tag;

    @BeforeEach
    void world() {
        http = new Http(port);
        Seed seed = new Seed(store);
        tag = Long.toString(System.nanoTime(), 36);
        Team team = seed.team("Search team " + tag);
        Team team2 = seed.team("Other team " + tag);
        manager = seed.person("Sam Manager", Role.MANAGER, team, null);
        rep = seed.person("Sara Rep", Role.REP, team, manager.user());
        teammate = seed.person("Tim Teammate", Role.REP, team, manager.user());
        other = seed.person("Olga Other", Role.REP, team2, null);
        acme = seed.customer("Acme " + tag, "acme-" + tag + ".example", rep.user());
        beta = seed.customer("Beta " + tag, "beta-" + tag + ".example", teammate.user());
        gamma = seed.customer("Gamma " + tag, "gamma-" + tag + ".example", other.user());
    }

    @Test
    void eachRoleFindsAndCountsOnlyTheMailItMaySee() {
        IngestResult a = mail(rep, acme, "a", "Quotations " + tag + " for LED panels", "您好，请查收报价单。");
        mail(teammate, beta, "b", "Quotation " + tag + " for Beta", "Please find our price list.");
        mail(other, gamma, "c", "Quotation " + tag + " for Gamma", "Offer attached.");
        await().atMost(Duration.ofSeconds(30)).until(index::idle);

        assertThat(subjects(rep, "quotation " + tag)).containsExactly("Quotations " + tag + " for LED panels");
        assertThat(total(rep, "quotation " + tag)).isEqualTo(1);
        assertThat(total(teammate, "quotation " + tag)).isEqualTo(1);
        assertThat(total(manager, "quotation " + tag)).isEqualTo(2);
        assertThat(total(other, "quotation " + tag)).isEqualTo(1);
        assertThat(total(AppTest.ADMIN_TOKEN, "quotation " + tag)).isEqualTo(3);

        JsonNode chinese = http.get(rep.token(), "/api/search?q=" + enc("报价单 " + tag)).json();
        assertThat(chinese.get("total").asLong()).isEqualTo(1);
        JsonNode hit = chinese.get("messages").get(0);
        assertThat(hit.get("id").asString()).isEqualTo(a.storedId());
        assertThat(hit.get("href").asString()).isEqualTo("/messages/" + a.storedId());
        assertThat(parts(hit.get("snippet"))).contains("[报价单]");

        // Customers match by name or domain, the caller's visible ones only.
        assertThat(names(http.get(rep.token(), "/api/search?q=" + enc(tag)).json().get("customers")))
                .containsExactly("Acme " + tag);
        assertThat(names(http.get(manager.token(), "/api/search?q=" + enc(tag)).json().get("customers")))
                .containsExactlyInAnyOrder("Acme " + tag, "Beta " + tag);
    }

    @Test
    void aQueryThatCannotBeReadIsABadRequestWithTheReason() {
        Http.Reply reply = http.get(rep.token(), "/api/search?q=" + enc("quotation AND"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("title").asString()).isEqualTo("The search query cannot be read");
        assertThat(reply.json().get("detail").asString()).isNotBlank();
        assertThat(http.get(rep.token(), "/api/search?q=x&direction=SIDEWAYS").status()).isEqualTo(400);
        assertThat(http.get(rep.token(), "/api/search?q=x&customer=" + gamma.id()).status())
                .as("another's customer is like no customer").isEqualTo(404);
    }

    @Test
    void aRelinkAndAMergeChangeWhoFindsTheMail() {
        IngestResult b = mail(teammate, beta, "b", "Sample " + tag + " request", "Two pieces please.");
        mail(other, gamma, "c", "Sample " + tag + " shipped", "DHL tomorrow.");
        await().atMost(Duration.ofSeconds(30)).until(index::idle);
        assertThat(total(rep, "sample " + tag)).isZero();

        corrections.move(b.storedId(), beta.id(), acme.id(), manager.id(), "Acme's forwarder", false);
        await().atMost(Duration.ofSeconds(30)).until(index::idle);
        assertThat(subjects(rep, "sample " + tag)).containsExactly("Sample " + tag + " request");
        assertThat(total(teammate, "sample " + tag)).as("still in the teammate's own mailbox").isEqualTo(1);

        merges.merge(acme.id(), gamma.id(), AppTest.ADMIN_TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(index::idle);
        assertThat(total(rep, "sample " + tag)).isEqualTo(2);
        assertThat(total(rep, "shipped " + tag)).isEqualTo(1);
    }

    private IngestResult mail(Person to, Customer from, String id, String subject, String body) {
        String raw = """
                Message-ID: <%s-%s@%s>
                Date: Mon, 02 Mar 2026 08:00:00 +0000
                From: Buyer <%s>
                To: <%s>
                Subject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(id, tag, from.company().domains().get(0), from.contact().addresses().get(0),
                to.user().addresses().get(0), subject, body);
        IngestResult result = pipeline.ingest(RawMail.of(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(to.id(), "search-test"));
        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.STORED);
        return result;
    }

    private long total(Person who, String q) {
        return total(who.token(), q);
    }

    private long total(String token, String q) {
        Http.Reply reply = http.get(token, "/api/search?q=" + enc(q));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("total").asLong();
    }

    private List<String> subjects(Person who, String q) {
        List<String> out = new ArrayList<>();
        http.get(who.token(), "/api/search?q=" + enc(q)).json().get("messages").forEach(m -> out.add(m.get("subject").asString()));
        return out;
    }

    private static List<String> names(JsonNode customers) {
        List<String> out = new ArrayList<>();
        customers.forEach(c -> out.add(c.get("name").asString()));
        return out;
    }

    /** The snippet with hits in brackets. */
    private static String parts(JsonNode snippet) {
        StringBuilder out = new StringBuilder();
        snippet.get("parts").forEach(p -> out.append(p.get("hit").asBoolean() ? "[" + p.get("text").asString() + "]"
                : p.get("text").asString()));
        return out.toString();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
