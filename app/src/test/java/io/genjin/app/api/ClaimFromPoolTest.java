package io.genjin.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.audit.AuditEntry;
import io.genjin.store.customer.Company;
import io.genjin.store.user.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A rep sees their own customers and the public pool (公海), and claims from the pool: the first claim wins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "genjin.dropbox.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimFromPoolTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;

    private Http http;
    private Seed seed;

    @BeforeAll
    void start() {
        http = new Http(port);
        seed = new Seed(store);
    }

    @Test
    void aRepSeesThePoolClaimsACustomerAndItLeavesThePoolForEveryoneElse() {
        Person zhang = seed.person("Zhang Wei", Role.REP, seed.team("Export A"), null);
        Person li = seed.person("Li Na", Role.REP, seed.team("Export B"), null);
        Company lead = pooled("Lagos Lighting Ltd");

        assertThat(http.get(zhang.token(), "/api/companies/" + lead.id()).status()).isEqualTo(200);
        assertThat(http.get(li.token(), "/api/companies?q=Lagos").json()).hasSize(1);

        Http.Reply claimed = http.post(zhang.token(), "/api/companies/" + lead.id() + "/claim", null);
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.json().get("ownerId").asString()).isEqualTo(zhang.id());
        assertThat(http.post(zhang.token(), "/api/companies/" + lead.id() + "/claim", null).status()).isEqualTo(200);

        // Li no longer sees it: another rep's customer looks like one that does not exist.
        assertThat(http.post(li.token(), "/api/companies/" + lead.id() + "/claim", null).status()).isEqualTo(404);
        assertThat(http.get(li.token(), "/api/companies/" + lead.id()).status()).isEqualTo(404);
        assertThat(store.audit().about("company", lead.id())).extracting(AuditEntry::action, AuditEntry::actorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("company.claimed", zhang.id()));
    }

    @Test
    void ofManyRepsClaimingAtOnceExactlyOneGetsTheCustomer() throws Exception {
        Company lead = pooled("Dubai Fittings LLC");
        List<Person> reps = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reps.add(seed.person("Rep " + i, Role.REP, seed.team("Race " + i), null));
        }
        ExecutorService threads = Executors.newFixedThreadPool(reps.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (Person rep : reps) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return http.post(rep.token(), "/api/companies/" + lead.id() + "/claim", null).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnlyOnce(200).allMatch(s -> s == 200 || s == 409 || s == 404);
        } finally {
            threads.shutdownNow();
        }
        assertThat(store.companies().get(lead.id()).ownerId()).isIn(reps.stream().map(Person::id).toList());
        assertThat(store.audit().about("company", lead.id())).hasSize(1);
    }

    private Company pooled(String name) {
        return store.companies().insert(Company.create(Ids.newId(), name,
                List.of(name.toLowerCase().replaceAll("[^a-z]", "") + "-" + port + ".com"), null, store.clock().instant()));
    }
}
