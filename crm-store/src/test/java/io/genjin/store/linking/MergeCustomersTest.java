package io.genjin.store.linking;

import static io.genjin.store.linking.LinkingFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.store.Ids;
import io.genjin.store.audit.AuditEntry;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MergeCustomersTest {
    private final LinkingFixture f = new LinkingFixture();
    private final MergeCustomers merge = new MergeCustomers(f.store);
    private final Company survivor = f.company("Acme Trading", f.alice.id(), "acme.com");
    private final Company loser = f.company("ACME Trading Co., Ltd.", f.bob.id(), "acme-trading.cn");

    @AfterEach
    void stop() {
        f.close();
    }

    private Activity email(Company company, String messageId) {
        return f.store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.EMAIL, T0, f.alice.id(),
                List.of(), "RFQ", null, "email:" + messageId, null, T0));
    }

    private void seedLoser() {
        f.contact(loser, "li@acme-trading.cn");
        f.storedMessage("m1@x", loser, T0);
        email(loser, "m1@x");
        f.store.tasks().insert(new Task(Ids.newId(), loser.id(), "Follow up", null, null, null, T0, f.bob.id(), null, null,
                null, null, null, null, null, T0, null));
        f.store.opportunities().insert(new Opportunity(Ids.newId(), loser.id(), "LED panels", null,
                new BigDecimal("100"), "USD", null, f.bob.id(), null, T0, T0, null));
        Order order = f.store.orders().insert(new Order(Ids.newId(), loser.id(), "PO-1", new BigDecimal("100"), "USD", T0,
                f.bob.id(), T0));
        f.store.orders().insert(new Payment(Ids.newId(), loser.id(), order.id(), new BigDecimal("30"), "USD", T0, T0));
    }

    @Test
    void mergeShouldMoveEverythingToTheSurvivorAndTombstoneTheLoser() {
        seedLoser();
        MergeResult result = merge.merge(survivor.id(), loser.id(), f.mary.id());

        assertThat(f.store.contacts().ofCompany(survivor.id())).extracting(Contact::addresses)
                .containsExactly(List.of("li@acme-trading.cn"));
        assertThat(f.store.messages().ofCompany(survivor.id(), 10)).extracting(StoredMessage::messageId)
                .containsExactly("m1@x");
        assertThat(f.store.timeline().count(survivor.id())).isEqualTo(1);
        assertThat(f.store.tasks().ofCompany(survivor.id(), EnumSet.allOf(TaskStatus.class))).hasSize(1);
        assertThat(f.store.opportunities().ofCompany(survivor.id())).hasSize(1);
        assertThat(f.store.orders().ofCompany(survivor.id())).hasSize(1);
        assertThat(f.store.orders().paymentsOf(survivor.id())).hasSize(1);
        assertThat(f.store.timeline().count(loser.id())).isZero();

        Company merged = f.store.companies().get(survivor.id());
        assertThat(merged.domains()).containsExactly("acme.com", "acme-trading.cn");
        assertThat(merged.ownerId()).as("the survivor keeps its owner").isEqualTo(f.alice.id());
        assertThat(f.store.companies().get(loser.id()).mergedInto()).isEqualTo(survivor.id());
        assertThat(f.store.companies().findLive(loser.id())).map(Company::id).contains(survivor.id());
        assertThat(f.store.companies().byDomain("acme-trading.cn")).map(Company::id).contains(survivor.id());
        assertThat(result).extracting(MergeResult::contacts, MergeResult::messages, MergeResult::activities,
                MergeResult::tasks, MergeResult::opportunities, MergeResult::orders, MergeResult::payments)
                .containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 1L);
    }

    @Test
    void mergeShouldWriteOneAuditEntryWithCounts() {
        seedLoser();
        merge.merge(survivor.id(), loser.id(), f.mary.id());
        List<AuditEntry> entries = f.store.audit().about("company", survivor.id());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("company.merged");
            assertThat(e.actorId()).isEqualTo(f.mary.id());
            assertThat(e.details()).containsEntry("loserId", loser.id()).containsEntry("loserOwnerId", f.bob.id())
                    .containsEntry("contacts", "1").containsEntry("messages", "1").containsEntry("activities", "1")
                    .containsEntry("tasks", "1").containsEntry("opportunities", "1").containsEntry("orders", "1")
                    .containsEntry("domains", "acme-trading.cn").containsEntry("resumed", "false");
        });
    }

    @Test
    void mergeWhenTheSameEmailIsOnBothTimelinesShouldKeepTheSurvivorsCopy() {
        Activity kept = email(survivor, "shared@x");
        email(loser, "shared@x");
        email(loser, "only-loser@x");
        MergeResult result = merge.merge(survivor.id(), loser.id(), f.mary.id());
        assertThat(result.activities()).isEqualTo(1);
        assertThat(result.activitiesDropped()).isEqualTo(1);
        assertThat(f.store.timeline().count(survivor.id())).isEqualTo(2);
        assertThat(f.store.timeline().find(kept.id())).isPresent();
        assertThat(f.store.timeline().count(loser.id())).isZero();
    }

    @Test
    void mergeRunTwiceShouldChangeNothingAndWriteNoSecondAuditEntry() {
        seedLoser();
        merge.merge(survivor.id(), loser.id(), f.mary.id());
        MergeResult again = merge.merge(survivor.id(), loser.id(), f.mary.id());
        assertThat(again.resumed()).isTrue();
        assertThat(again).extracting(MergeResult::contacts, MergeResult::messages, MergeResult::activities,
                MergeResult::orders).containsExactly(0L, 0L, 0L, 0L);
        assertThat(f.store.audit().about("company", survivor.id())).hasSize(1);
        assertThat(f.store.timeline().count(survivor.id())).isEqualTo(1);
    }

    @Test
    void mergeRerunAfterACrashMidwayShouldFinishTheJob() {
        seedLoser();
        // The crashed run got as far as the domains, the tombstone and the contacts.
        f.store.companies().addDomain(survivor.id(), "acme-trading.cn");
        f.store.companies().markMerged(loser.id(), survivor.id());
        f.store.contacts().moveAll(loser.id(), survivor.id());

        MergeResult result = merge.merge(survivor.id(), loser.id(), f.mary.id());
        assertThat(result.resumed()).isTrue();
        assertThat(result.messages()).isEqualTo(1);
        assertThat(f.store.timeline().count(survivor.id())).isEqualTo(1);
        assertThat(f.store.orders().ofCompany(survivor.id())).hasSize(1);
        assertThat(f.store.companies().get(survivor.id()).domains()).contains("acme-trading.cn");
        assertThat(f.store.audit().about("company", survivor.id())).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("resumed", "true"));
    }

    @Test
    void mergeWhenBothHaveTheSameOrderNumberShouldLeaveTheLosersOrderInPlace() {
        f.store.orders().insert(new Order(Ids.newId(), survivor.id(), "PO-1", BigDecimal.TEN, "USD", T0, null, T0));
        f.store.orders().insert(new Order(Ids.newId(), loser.id(), "PO-1", BigDecimal.TEN, "USD", T0, null, T0));
        f.store.orders().insert(new Order(Ids.newId(), loser.id(), "PO-2", BigDecimal.TEN, "USD", T0, null, T0));
        MergeResult result = merge.merge(survivor.id(), loser.id(), f.mary.id());
        assertThat(result.orders()).isEqualTo(1);
        assertThat(result.ordersLeftOnLoser()).isEqualTo(1);
        assertThat(f.store.orders().ofCompany(survivor.id())).extracting(Order::number)
                .containsExactlyInAnyOrder("PO-1", "PO-2");
        assertThat(f.store.orders().ofCompany(loser.id())).extracting(Order::number).containsExactly("PO-1");
    }

    @Test
    void mergeShouldFoldContactsThatNowShareAnAddress() {
        Contact older = f.contact(survivor, "li@acme.com");
        Contact dup = f.store.contacts().insert(new Contact(Ids.newId(), "Li", List.of("li@acme.com", "li@qq.com"),
                List.of(), null, loser.id(), f.bob.id(), false, null, T0.plusSeconds(1)));
        MergeResult result = merge.merge(survivor.id(), loser.id(), f.mary.id());
        assertThat(result.contactsMerged()).isEqualTo(1);
        assertThat(f.store.contacts().ofCompany(survivor.id())).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(older.id());
            assertThat(c.addresses()).containsExactlyInAnyOrder("li@acme.com", "li@qq.com");
        });
        assertThat(f.store.contacts().get(dup.id()).mergedInto()).isEqualTo(older.id());
    }

    @Test
    void mergeShouldRefuseACompanyIntoItselfOrALoserMergedElsewhere() {
        Company third = f.company("Third", f.alice.id(), "third.com");
        assertThatThrownBy(() -> merge.merge(survivor.id(), survivor.id(), f.mary.id()))
                .isInstanceOf(IllegalArgumentException.class);
        merge.merge(third.id(), loser.id(), f.mary.id());
        assertThatThrownBy(() -> merge.merge(survivor.id(), loser.id(), f.mary.id()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> merge.merge(loser.id(), survivor.id(), f.mary.id()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(f.store.companies().get(survivor.id()).mergedInto()).isNull();
    }

    @Test
    void mailToTheLosersDomainAfterAMergeShouldLinkToTheSurvivor() {
        merge.merge(survivor.id(), loser.id(), f.mary.id());
        LinkDecision d = f.linker().link(LinkingFixture.inbound("m9@x", "new@acme-trading.cn", f.alice.id(),
                "alice@team.example"));
        assertThat(d.companyId()).isEqualTo(survivor.id());
        assertThat(d.step()).isEqualTo(LinkStep.CREATED_CONTACT);
    }
}
