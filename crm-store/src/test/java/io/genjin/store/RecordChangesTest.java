package io.genjin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.customer.Company;
import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every write of a customer's orders, payments, tasks or company record marks the customer, and the
 * in-process indexes by customer find its orders, payments and tasks (also after a move).
 */
class RecordChangesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final CrmStore store = mongo.store(Clock.fixed(T0, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        mongo.close();
    }

    private Company company(String name) {
        return store.companies().insert(Company.create(Ids.newId(), name, List.of(name.toLowerCase() + ".example"), null, T0));
    }

    /** Reads the marks and clears them, as the nightly run does. */
    private List<String> take() {
        var marked = store.changes().marked();
        store.changes().clear(marked);
        return new ArrayList<>(marked);
    }

    @Test
    void eachWriteOfACustomersRecordsMarksIt() {
        Company acme = company("Acme");
        Company beta = company("Beta");
        assertThat(take()).containsExactlyInAnyOrder(acme.id(), beta.id());
        assertThat(take()).isEmpty();

        Order order = store.orders().insert(new Order(Ids.newId(), acme.id(), "PO-1", new BigDecimal("100"), "USD", T0, null, T0));
        assertThat(take()).containsExactly(acme.id());
        store.orders().insert(new Payment(Ids.newId(), beta.id(), order.id(), new BigDecimal("100"), "USD", T0, T0));
        assertThat(take()).containsExactly(beta.id());
        Task task = store.tasks().insert(new Task(Ids.newId(), acme.id(), "Call", null, null, null, T0.plusSeconds(3600),
                null, null, null, null, null, null, null, null, T0, null));
        assertThat(take()).containsExactly(acme.id());
        assertThat(store.tasks().closeIfOpen(task.id(), TaskStatus.DONE, "done", T0)).isPresent();
        assertThat(take()).containsExactly(acme.id());
        assertThat(store.tasks().closeIfOpen(task.id(), TaskStatus.DONE, "done", T0)).isEmpty();
        assertThat(take()).isEmpty();
        assertThat(store.companies().claim(beta.id(), "u1")).isTrue();
        assertThat(take()).containsExactly(beta.id());
        store.companies().markMerged(beta.id(), acme.id());
        assertThat(take()).containsExactlyInAnyOrder(acme.id(), beta.id());
    }

    @Test
    void aMarkSetAfterTheReadSurvivesTheClear() {
        Company acme = company("Acme");
        var read = store.changes().marked();
        Company beta = company("Beta");
        store.changes().clear(read);
        assertThat(store.changes().marked()).containsExactly(beta.id());
        assertThat(read).containsExactly(acme.id());
    }

    @Test
    void theIndexesByCustomerFindItsRecordsAlsoAfterAMove() {
        Company acme = company("Acme");
        Company beta = company("Beta");
        Order order = store.orders().insert(new Order(Ids.newId(), acme.id(), "PO-1", new BigDecimal("100"), "USD", T0, null, T0));
        Payment payment = store.orders().insert(new Payment(Ids.newId(), acme.id(), order.id(), new BigDecimal("100"), "USD", T0, T0));
        Task task = store.tasks().insert(new Task(Ids.newId(), acme.id(), "Call", null, null, null, T0, null, null, null, null,
                null, null, null, null, T0, null));
        assertThat(ids("orders", store.orders().orderFilter(List.of(beta.id())), beta.id())).isEmpty();
        store.orders().moveAll(acme.id(), beta.id());
        store.tasks().moveAll(acme.id(), beta.id());
        assertThat(take()).containsExactlyInAnyOrder(acme.id(), beta.id());
        assertThat(ids("orders", store.orders().orderFilter(List.of(beta.id())), beta.id())).containsExactly(order.id());
        assertThat(ids("payments", store.orders().paymentFilter(List.of(beta.id())), beta.id())).containsExactly(payment.id());
        assertThat(ids("tasks", store.tasks().companyFilter(List.of(beta.id())), beta.id())).containsExactly(task.id());
    }

    /** The ids of the documents the filter selects that belong to {@code companyId} (callers re-check the customer). */
    private List<String> ids(String collection, Document filter, String companyId) {
        List<String> ids = new ArrayList<>();
        mongo.template().getCollection(collection).find(filter).forEach(d -> {
            if (companyId.equals(d.getString("companyId"))) {
                ids.add(d.get("_id").toString());
            }
        });
        return ids;
    }
}
