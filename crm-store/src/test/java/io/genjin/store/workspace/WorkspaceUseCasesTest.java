package io.genjin.store.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.store.CrmStore;
import io.genjin.store.EmbeddedMongo;
import io.genjin.store.Ids;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.ArchiveCustomer;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.MoveCustomerToStage;
import io.genjin.store.customer.ReassignCustomer;
import io.genjin.store.customer.Stage;
import io.genjin.store.events.StageChanged;
import io.genjin.store.order.ChangeOrderStatus;
import io.genjin.store.order.Order;
import io.genjin.store.order.OrderItem;
import io.genjin.store.order.OrderStatus;
import io.genjin.store.order.RecordOrder;
import io.genjin.store.task.CommentOnTask;
import io.genjin.store.task.CompleteTask;
import io.genjin.store.task.ReassignTask;
import io.genjin.store.task.SnoozeTask;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.timeline.LogActivity;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The activities a person does by hand, which the API and the pages share, on an embedded store. */
class WorkspaceUseCasesTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final CrmStore store = mongo.store(Clock.fixed(T0, ZoneOffset.UTC));
    private final User rep = store.users().create("Rep", List.of("rep@team.example"), Role.REP, "t1", null, "en");
    private final User other = store.users().create("Other", List.of("other@team.example"), Role.REP, "t1", null, "en");
    private final Company acme = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"),
            rep.id(), T0));

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void movingToAStageLogsItWithItsActorAndPublishesTheEventOnce() {
        List<Object> events = new ArrayList<>();
        MoveCustomerToStage move = new MoveCustomerToStage(store, events::add);
        Company moved = move.move(acme, Stage.QUOTED, "sent the price list", rep.id());
        move.move(moved, Stage.QUOTED, null, rep.id());

        assertThat(store.companies().get(acme.id()).stage()).isEqualTo(Stage.QUOTED);
        assertThat(events).singleElement().isInstanceOfSatisfying(StageChanged.class,
                e -> assertThat(e.to()).isEqualTo(Stage.QUOTED));
        Activity line = timeline(ActivityType.STAGE_CHANGE).get(0);
        assertThat(line.actorId()).isEqualTo(rep.id());
        assertThat(line.attributes()).containsEntry("from", "LEAD").containsEntry("to", "QUOTED");
    }

    @Test
    void loggingACallWithANextStepDateRaisesAFollowUpTaskForTheLogger() {
        LogActivity.Logged logged = new LogActivity(store).log(acme, new LogActivity.Entry(ActivityType.CALL,
                "Price call", "Wants 3% off", null, List.of(), T0.plus(Duration.ofDays(3)), "Send revised offer"), rep.id());

        assertThat(logged.activity().type()).isEqualTo(ActivityType.CALL);
        assertThat(logged.followUp().title()).isEqualTo("Send revised offer");
        assertThat(logged.followUp().assigneeId()).isEqualTo(rep.id());
        assertThat(logged.followUp().dueAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
        assertThat(logged.followUp().type()).isEqualTo(TaskType.CALL);
        assertThat(store.tasks().assignedTo(rep.id(), EnumSet.of(TaskStatus.OPEN))).hasSize(1);
        assertThat(timeline(ActivityType.TASK)).singleElement()
                .satisfies(a -> assertThat(a.attributes()).containsEntry("taskId", logged.followUp().id()));
    }

    @Test
    void aNextStepWithoutWordsIsNamedAfterWhatWasLogged() {
        LogActivity.Logged logged = new LogActivity(store).log(acme, new LogActivity.Entry(ActivityType.MEETING, null,
                "客户要求 40HQ 的价格\n其他细节下次谈", null, null, T0.plus(Duration.ofDays(1)), " "), rep.id());
        assertThat(logged.followUp().title()).isEqualTo("客户要求 40HQ 的价格");
        assertThat(logged.followUp().type()).isEqualTo(TaskType.MEETING);
    }

    @Test
    void loggingWithoutANextStepRaisesNoTaskAndWhatsAppIsLoggable() {
        LogActivity.Logged logged = new LogActivity(store).log(acme, new LogActivity.Entry(ActivityType.WHATSAPP, null,
                "Sent photos of the samples", null, null, null, null), rep.id());
        assertThat(logged.followUp()).isNull();
        assertThat(logged.activity().title()).isNull();
        assertThat(store.tasks().ofCompany(acme.id(), EnumSet.allOf(TaskStatus.class))).isEmpty();
    }

    @Test
    void onlyHandLoggableKindsInThePastOrNowAreAccepted() {
        LogActivity log = new LogActivity(store);
        assertThatThrownBy(() -> log.log(acme, new LogActivity.Entry(ActivityType.EMAIL, null, "x", null, null, null, null),
                rep.id())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.log(acme, new LogActivity.Entry(ActivityType.NOTE, null, "x", T0.plus(Duration.ofHours(1)),
                null, null, null), rep.id())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.log(acme, new LogActivity.Entry(ActivityType.NOTE, null, "x", null, null,
                T0.minus(Duration.ofDays(3)), null), rep.id())).hasMessageContaining("next step");
    }

    @Test
    void aTaskIsCompletedOnceEvenWhenAskedTwice() {
        Task task = task();
        CompleteTask complete = new CompleteTask(store);
        assertThat(complete.complete(task, "sent", rep.id())).isPresent();
        assertThat(complete.complete(task, "sent again", rep.id())).isEmpty();
        assertThat(store.tasks().get(task.id()).status()).isEqualTo(TaskStatus.DONE);
        assertThat(timeline(ActivityType.TASK)).singleElement()
                .satisfies(a -> assertThat(a.attributes()).containsEntry("event", "done"));
    }

    @Test
    void snoozingMovesTheDueTimeOnlyForward() {
        Task task = task();
        Task snoozed = new SnoozeTask(store).until(task, T0.plus(Duration.ofDays(2)));
        assertThat(store.tasks().get(task.id()).dueAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThatThrownBy(() -> new SnoozeTask(store).until(snoozed, T0.minusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reassigningAndCommentingAreKeptWithTheTask() {
        Task task = new ReassignTask(store).to(task(), other.id(), rep.id());
        assertThat(store.tasks().get(task.id()).assigneeId()).isEqualTo(other.id());
        new CommentOnTask(store).comment(task, "  customer is at a fair until Friday ", rep.id());
        assertThat(store.taskComments().of(List.of(task.id()))).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo("customer is at a fair until Friday"));
        assertThatThrownBy(() -> new CommentOnTask(store).comment(task, " ", rep.id()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reassigningACustomerIsAudited() {
        new ReassignCustomer(store).to(acme, other.id(), rep.id());
        assertThat(store.companies().get(acme.id()).ownerId()).isEqualTo(other.id());
    }

    @Test
    void anArchivedCustomerLeavesTheListAndComesBack() {
        ArchiveCustomer archive = new ArchiveCustomer(store);
        Company archived = archive.archive(acme, rep.id());
        assertThat(store.companies().search(Scope.ALL, null, 0, 10)).extracting(Company::id).doesNotContain(acme.id());
        assertThat(store.companies().search(Scope.ALL, null, true, 0, 10)).extracting(Company::id).containsExactly(acme.id());
        archive.restore(archived, rep.id());
        assertThat(store.companies().search(Scope.ALL, null, 0, 10)).extracting(Company::id).contains(acme.id());
    }

    @Test
    void anOrderIsRecordedWithItsItemsAndOnlyConfirmedOnesCountForTheOrderRules() {
        RecordOrder record = new RecordOrder(store);
        Order pi = record.record(acme, new RecordOrder.NewOrder("PI-2026-01", T0, "usd", null, null,
                List.of(new OrderItem("M8 bolts", new BigDecimal("20000"), new BigDecimal("0.05")),
                        new OrderItem("Washers", new BigDecimal("1000"), new BigDecimal("0.01")))), rep.id());
        assertThat(pi.amount()).isEqualByComparingTo("1010");
        assertThat(pi.currency()).isEqualTo("USD");
        assertThat(pi.status()).isEqualTo(OrderStatus.PI_SENT);
        assertThat(orderDates()).isEmpty();

        new ChangeOrderStatus(store).to(pi, OrderStatus.DEPOSIT_RECEIVED, rep.id());
        assertThat(orderDates()).containsExactly(acme.id());
        assertThat(timeline(ActivityType.ORDER)).extracting(a -> a.attributes().get("status"))
                .containsExactlyInAnyOrder("PI_SENT", "DEPOSIT_RECEIVED");

        // An order recorded before orders had a status (an import) is a confirmed order.
        store.orders().insert(new Order(Ids.newId(), acme.id(), "PO-OLD", BigDecimal.TEN, "USD", T0, rep.id(), T0));
        assertThat(orderDates()).hasSize(2);
        assertThatThrownBy(() -> record.record(acme, new RecordOrder.NewOrder("PI-2026-01", T0, "USD", BigDecimal.ONE,
                null, List.of()), rep.id())).hasMessageContaining("already has an order");
    }

    private List<String> orderDates() {
        try (Stream<Order> dates = store.orders().streamDates()) {
            return dates.map(Order::companyId).toList();
        }
    }

    private Task task() {
        return store.tasks().insert(new Task(Ids.newId(), acme.id(), "Send the quote", null, null, null,
                T0.plus(Duration.ofDays(1)), rep.id(), null, null, null, null, null, null, rep.id(), T0, null));
    }

    private List<Activity> timeline(ActivityType type) {
        return store.timeline().page(acme.id(), Set.of(type), null, 50).items();
    }
}
