package io.genjin.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What one signed-in instrumenting request may cost and touch: the copies it asks for are bounded
 * (413 naming the limit), and without a companyId it links only to a customer the caller sees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "genjin.tracking.instrument.max-recipients=20", "genjin.tracking.instrument.max-output-chars=200000",
        "genjin.dropbox.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstrumentGuardsTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;

    private Http http;
    private Person rep;
    private Customer otherTeams;

    @BeforeAll
    void seed() {
        http = new Http(port);
        Seed seed = new Seed(store);
        rep = seed.person("Zhao Min", Role.REP, seed.team("Export 1"), null);
        Person stranger = seed.person("Qian Jun", Role.REP, seed.team("Export 2"), null);
        otherTeams = seed.customer("Hidden GmbH", "hidden-" + port + ".example", stranger.user());
    }

    @Test
    void moreRecipientsThanTheLimitAnswer413NamingTheSetting() {
        List<String> many = IntStream.range(0, 21).mapToObj(i -> "r" + i + "@buyer.example").toList();
        Http.Reply reply = http.post(rep.token(), "/api/tracking/instrument", Map.of("messageId", "<many-" + port + "@f.example>",
                "html", "<p>hi</p>", "recipients", many));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
        assertThat(reply.json().get("limit").asString()).isEqualTo("genjin.tracking.instrument.max-recipients");
    }

    @Test
    void aBodyWhoseCopiesWouldOutgrowTheLimitAnswers413BeforeAnyCopyIsMade() {
        List<String> twenty = IntStream.range(0, 20).mapToObj(i -> "r" + i + "@buyer.example").toList();
        Http.Reply reply = http.post(rep.token(), "/api/tracking/instrument", Map.of("messageId", "<big-" + port + "@f.example>",
                "html", "<p>" + "x".repeat(20_000) + "</p>", "recipients", twenty));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
        assertThat(reply.json().get("limit").asString()).isEqualTo("genjin.tracking.instrument.max-output-chars");
        Http.Reply seen = http.get(rep.token(), "/api/tracking/messages/none");
        assertThat(seen.status()).isEqualTo(404);
    }

    @Test
    void withoutACompanyIdTheMessageIsNotLinkedToAnotherTeamsCustomer() {
        String messageId = "<cross-" + port + "@f.example>";
        Http.Reply reply = http.post(rep.token(), "/api/tracking/instrument", Map.of("messageId", messageId, "quote", true,
                "subject", "Urgent", "html", "<p>q</p>", "recipients", List.of(otherTeams.contact().addresses().get(0))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        Http.Reply tracked = http.get(AppTest.ADMIN_TOKEN, "/api/tracking/messages/" + reply.json().get("trackedId").asString());
        assertThat(tracked.status()).as(tracked.toString()).isEqualTo(200);
        var companyId = tracked.json().get("companyId");
        assertThat(companyId == null || companyId.isNull()).as("stored without the hidden customer: " + companyId).isTrue();
    }
}
