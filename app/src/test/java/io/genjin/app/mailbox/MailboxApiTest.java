package io.genjin.app.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mailbox API over the whole app, with a recording stand-in for the ingestion pipeline and GreenMail as the server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailboxApiTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    static final List<String> ingested = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
        registry.add("genjin.mailbox.poll-interval", () -> "500ms");
    }

    /** Stands in for the real pipeline, so the test sees exactly what the sync hands over. */
    @TestConfiguration
    static class Pipeline {
        @Bean
        @Primary
        MailIngestion recordingIngestion() {
            return (mail, source) -> {
                ingested.add(source.ownerUserId());
                return new IngestResult(IngestResult.Outcome.STORED, "id-" + ingested.size(), null, null, null);
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    MongoOperations mongo;

    @Test
    void aMailboxOnTheServersOwnNetworkIsRefusedAndACheckNeverTellsWhetherAPortIsOpen() {
        Http http = new Http(port);
        Seed seed = new Seed(store);
        Seed.Person rep = seed.person("Probing Rep", Role.REP, seed.team("Probe team"), null);
        for (String host : List.of("169.254.169.254", "10.0.0.1", "[::1]")) {
            Http.Reply refused = http.post(rep.token(), "/api/users/" + rep.id() + "/mailboxes", Map.of("host", host,
                    "port", 993, "security", "SSL", "username", "x@probe.test", "secret", "x"));
            assertThat(refused.status()).as(host).isEqualTo(422);
            assertThat(refused.json().get("title").asString()).isEqualTo("Address not allowed");
        }
        Http.Reply viaSmtp = http.post(rep.token(), "/api/users/" + rep.id() + "/mailboxes", Map.of("host", "127.0.0.1",
                "port", 1, "security", "NONE", "username", "y@probe.test", "secret", "x",
                "smtp", Map.of("host", "192.168.0.1", "port", 25, "security", "NONE")));
        assertThat(viaSmtp.status()).as(viaSmtp.toString()).isEqualTo(422);
        assertThat(http.get(rep.token(), "/api/users/" + rep.id() + "/mailboxes").json()).isEmpty();

        // 127.0.0.1 is allow-listed for the tests: a closed port and a wrong password read the same.
        Http.Reply closed = http.post(rep.token(), "/api/users/" + rep.id() + "/mailboxes?verify=true", Map.of("host",
                "127.0.0.1", "port", 1, "security", "NONE", "username", "z@probe.test", "secret", "x"));
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.json().get("detail").asString())
                .isEqualTo("Could not sign in with these settings; check the host, port, security and password.");
    }

    @Test
    void repAddsAMailboxItSyncsItsStatusShowsAndTheSecretNeverComesBack() {
        Http http = new Http(port);
        Seed seed = new Seed(store);
        Team team = seed.team("Mailbox team");
        Seed.Person manager = seed.person("Mailbox Manager", Role.MANAGER, team, null);
        Seed.Person rep = seed.person("Mailbox Rep", Role.REP, team, manager.user());
        greenMail.setUser("rep@acme.test", "rep@acme.test", "app-secret-9");
        GreenMailUtil.sendTextEmail("rep@acme.test", "buyer@customer.test", "RFQ", "Please quote", greenMail.getSmtp().getServerSetup());

        Http.Reply bad = http.post(rep.token(), "/api/users/" + rep.id() + "/mailboxes?verify=true", Map.of("host", "127.0.0.1",
                "port", greenMail.getImap().getPort(), "security", "NONE", "username", "rep@acme.test", "secret", "wrong-one"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("Could not sign in").doesNotContain("wrong-one");

        Http.Reply added = http.post(rep.token(), "/api/users/" + rep.id() + "/mailboxes?verify=true", Map.of("host", "127.0.0.1",
                "port", greenMail.getImap().getPort(), "security", "NONE", "username", "rep@acme.test", "secret", "app-secret-9"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).doesNotContain("app-secret-9").doesNotContain("sealed");
        String mailboxId = added.json().get("id").asString();
        assertThat(mongo.getCollection("mailbox_accounts").find().first().toJson()).doesNotContain("app-secret-9");

        assertThat(http.post(rep.token(), "/api/users/" + rep.id() + "/mailboxes", Map.of("host", "127.0.0.1",
                "port", 1, "security", "NONE", "username", "rep@acme.test", "secret", "x")).status()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(30)).until(() -> ingested.contains(rep.id()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var list = http.get(manager.token(), "/api/users/" + rep.id() + "/mailboxes").json();
            return list.get(0).get("status").get("state").asString().matches("IDLE|POLLING");
        });
        var status = http.get(manager.token(), "/api/users/" + rep.id() + "/mailboxes").json().get(0).get("status");
        assertThat(status.get("lastSyncAt").isNull()).isFalse();
        assertThat(status.get("initialSync").get("done").asLong()).isEqualTo(1);
        assertThat(status.get("syncRunning").asBoolean()).isTrue();

        assertThat(http.post(rep.token(), "/api/users/" + rep.id() + "/mailboxes/" + mailboxId + "/sync", null).status())
                .isEqualTo(202);
        assertThat(http.send(rep.token(), "DELETE", "/api/users/" + rep.id() + "/mailboxes/" + mailboxId, null).status())
                .isEqualTo(204);
        assertThat(http.get(rep.token(), "/api/users/" + rep.id() + "/mailboxes").json().size()).isZero();
    }
}
