package io.genjin.app.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Http.Reply;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A rep records an order through the API and the customer's health shows it within seconds, without
 * waiting for the nightly run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthFollowsRecordsApiTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;

    @Test
    void anOrderRecordedThroughTheApiIsInTheCustomersHealthAtOnce() {
        Http http = new Http(port);
        Person rep = new Seed(store).person("Li Lei", Role.REP, null, null);
        Reply created = http.post(rep.token(), "/api/companies", Map.of("name", "Lumen Buyer GmbH",
                "domains", List.of("lumen-health-records.example")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        JsonNode first = await().atMost(Duration.ofSeconds(20)).until(() -> health(http, rep, id), h -> h != null);
        assertThat(part(first, "orders").get("applies").asBoolean()).as("no order yet").isFalse();

        // A proforma is not yet an order; one with its deposit received is.
        Reply order = http.post(rep.token(), "/api/companies/" + id + "/orders", Map.of("number", "PI-77",
                "currency", "USD", "amount", 12000, "status", "DEPOSIT_RECEIVED", "items", List.of(Map.of("description", "LED panel 600x600",
                        "quantity", 1000, "unitPrice", 12.00))));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);

        JsonNode after = await().atMost(Duration.ofSeconds(20)).until(() -> health(http, rep, id),
                h -> h != null && part(h, "orders").get("applies").asBoolean());
        assertThat(part(after, "orders").get("score").asInt()).isPositive();
    }

    private static JsonNode health(Http http, Person rep, String id) {
        Reply reply = http.get(rep.token(), "/api/companies/" + id + "/health");
        return reply.status() == 200 ? reply.json() : null;
    }

    private static JsonNode part(JsonNode health, String key) {
        for (JsonNode p : health.get("parts")) {
            if (p.get("key").asString().equals(key)) {
                return p;
            }
        }
        throw new AssertionError("no part " + key + " in " + health);
    }
}
