package io.genjin.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Http.Reply;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The customer API as a client uses it: create, read, edit, log, page the timeline, handle errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerApiTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    Http http;
    Person rep;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        rep = new Seed(store).person("Li Lei", Role.REP, null, null);
    }

    @Test
    void createdCompanyComesBackWithItsIdAndTheCallerAsOwner() {
        String domain = unique() + "-led.com";
        Reply created = http.post(rep.token(), "/api/companies", Map.of("name", "Shenzhen LED Co., Ltd.", "domains", List.of(domain)));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        JsonNode card = http.get(rep.token(), "/api/companies/" + id).json();
        assertThat(card.at("/company/name").asString()).isEqualTo("Shenzhen LED Co., Ltd.");
        assertThat(card.at("/company/domains/0").asString()).isEqualTo(domain);
        assertThat(card.at("/company/ownerId").asString()).isEqualTo(rep.id());
        assertThat(card.at("/ownerName").asString()).isEqualTo("Li Lei");
        assertThat(card.at("/company/stage").asString()).isEqualTo("LEAD");
    }

    @Test
    void companyWithAFreeMailDomainIsRefusedWithAProblem() {
        Reply reply = http.post(rep.token(), "/api/companies", Map.of("name", "Someone", "domains", List.of("QQ.com")));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).contains("qq.com").contains("free-mail");
    }

    @Test
    void secondCompanyWithTheSameDomainIsAConflict() {
        String domain = unique() + "-dup.com";
        assertThat(http.post(rep.token(), "/api/companies", Map.of("name", "A", "domains", List.of(domain))).status()).isEqualTo(201);
        Reply again = http.post(rep.token(), "/api/companies", Map.of("name", "B", "domains", List.of(domain.toUpperCase())));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains(domain);
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        Reply reply = http.post(rep.token(), "/api/companies", Map.of("name", "", "grade", "A"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/errors/name").isMissingNode()).isFalse();
        Reply malformed = http.post(rep.token(), "/api/companies", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void timelineIsNewestFirstPagedAndFilteredByType() {
        String id = http.post(rep.token(), "/api/companies", Map.of("name", "Timeline Co", "domains", List.of(unique() + "-tl.com")))
                .json().get("id").asString();
        for (int i = 0; i < 7; i++) {
            String type = i % 3 == 0 ? "CALL" : "NOTE";
            Reply logged = http.post(rep.token(), "/api/companies/" + id + "/notes",
                    Map.of("type", type, "body", "entry " + i, "occurredAt", "2026-03-0" + (i + 1) + "T10:00:00Z"));
            assertThat(logged.status()).isEqualTo(201);
        }
        List<String> bodies = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = http.get(rep.token(), "/api/companies/" + id + "/timeline?size=3" + cursor).json();
            page.get("items").forEach(item -> bodies.add(item.get("body").asString()));
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : "&cursor=" + next.asString();
        } while (cursor != null);
        assertThat(bodies).containsExactly("entry 6", "entry 5", "entry 4", "entry 3", "entry 2", "entry 1", "entry 0");
        JsonNode calls = http.get(rep.token(), "/api/companies/" + id + "/timeline?type=CALL").json();
        assertThat(calls.get("items")).hasSize(3);
        assertThat(http.get(rep.token(), "/api/companies/" + id + "/timeline?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
    }

    @Test
    void stageChangeIsRecordedOnTheTimeline() {
        String id = http.post(rep.token(), "/api/companies", Map.of("name", "Stage Co", "domains", List.of(unique() + "-st.com")))
                .json().get("id").asString();
        Reply moved = http.send(rep.token(), "PUT", "/api/companies/" + id + "/stage", Map.of("stage", "QUOTED", "note", "PI sent"));
        assertThat(moved.json().get("stage").asString()).isEqualTo("QUOTED");
        JsonNode timeline = http.get(rep.token(), "/api/companies/" + id + "/timeline?type=STAGE_CHANGE").json();
        assertThat(timeline.at("/items/0/attributes/from").asString()).isEqualTo("LEAD");
        assertThat(timeline.at("/items/0/attributes/to").asString()).isEqualTo("QUOTED");
    }

    @Test
    void closingATaskRecordsWhoAndWhyAndRemovesItFromMyOpenTasks() {
        String id = http.post(rep.token(), "/api/companies", Map.of("name", "Task Co", "domains", List.of(unique() + "-tk.com")))
                .json().get("id").asString();
        String taskId = http.post(rep.token(), "/api/companies/" + id + "/tasks",
                Map.of("title", "Send samples", "priority", "HIGH", "dueAt", "2026-03-05T09:00:00Z")).json().get("id").asString();
        assertThat(http.get(rep.token(), "/api/tasks").json().findValuesAsString("id")).contains(taskId);
        Reply done = http.send(rep.token(), "PATCH", "/api/tasks/" + taskId, Map.of("status", "DONE", "reason", "shipped by DHL"));
        assertThat(done.json().get("closedReason").asString()).isEqualTo("shipped by DHL");
        assertThat(http.get(rep.token(), "/api/tasks").json().findValuesAsString("id")).doesNotContain(taskId);
    }

    @Test
    void handingATaskToSomeoneElseThroughTheApiIsAudited() {
        Person manager = new Seed(store).person("Han Meimei", Role.MANAGER, null, null);
        Person colleague = new Seed(store).person("Wei Hua", Role.REP, null, manager.user());
        String id = http.post(manager.token(), "/api/companies", Map.of("name", "Handover Co", "domains", List.of(unique() + "-ho.com")))
                .json().get("id").asString();
        String taskId = http.post(manager.token(), "/api/companies/" + id + "/tasks", Map.of("title", "Call back"))
                .json().get("id").asString();

        Reply moved = http.send(manager.token(), "PATCH", "/api/tasks/" + taskId, Map.of("assigneeId", colleague.id(), "priority", "HIGH"));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("assigneeId").asString()).isEqualTo(colleague.id());
        assertThat(moved.json().get("priority").asString()).isEqualTo("HIGH");
        assertThat(store.audit().about("task", taskId)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("task.reassigned");
            assertThat(entry.actorId()).isEqualTo(manager.id());
        });
    }

    @Test
    void opportunityStageMovesAreKeptInItsHistory() {
        String id = http.post(rep.token(), "/api/companies", Map.of("name", "Deal Co", "domains", List.of(unique() + "-dl.com")))
                .json().get("id").asString();
        String opp = http.post(rep.token(), "/api/companies/" + id + "/opportunities",
                Map.of("name", "2k LED panels", "amount", 25000, "currency", "eur")).json().get("id").asString();
        JsonNode moved = http.send(rep.token(), "PATCH", "/api/opportunities/" + opp, Map.of("stage", "NEGOTIATION")).json();
        assertThat(moved.get("currency").asString()).isEqualTo("EUR");
        assertThat(moved.at("/stageHistory/0/from").asString()).isEqualTo("INQUIRY");
        assertThat(moved.at("/stageHistory/0/to").asString()).isEqualTo("NEGOTIATION");
    }

    @Test
    void aTokenIssuedToMyselfSignsMeIn() {
        Reply issued = http.post(rep.token(), "/api/users/" + rep.id() + "/tokens", Map.of("label", "outlook"));
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("secret").asString();
        assertThat(http.get(secret, "/api/me").json().get("id").asString()).isEqualTo(rep.id());
        assertThat(http.get(secret + "x", "/api/me").status()).isEqualTo(401);
        String tokenId = issued.json().get("id").asString();
        assertThat(http.get(rep.token(), "/api/users/" + rep.id() + "/tokens").body()).contains(tokenId).doesNotContain(secret);
        assertThat(http.send(rep.token(), "DELETE", "/api/users/" + rep.id() + "/tokens/" + tokenId, null).status()).isEqualTo(200);
        assertThat(http.get(secret, "/api/me").status()).isEqualTo(401);
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        Reply docs = http.get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/companies/{companyId}/timeline")).isTrue();
    }

    @Test
    void healthIsPublicAndMetricsNeedAnAdmin() {
        assertThat(http.get(null, "/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(http.get(rep.token(), "/actuator/prometheus").status()).isEqualTo(403);
        Reply metrics = http.send(AppTest.ADMIN_TOKEN, "GET", "/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    private static String unique() {
        return Long.toString(System.nanoTime(), 36);
    }
}
