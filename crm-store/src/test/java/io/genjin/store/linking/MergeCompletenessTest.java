package io.genjin.store.linking;

import static io.genjin.store.linking.LinkingFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.genjin.store.Ids;
import io.genjin.store.conflict.OwnershipConflict;
import io.genjin.store.contract.Contract;
import io.genjin.store.contract.Contracts;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.MessageLink;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.order.Order;
import io.genjin.store.order.Payment;
import io.genjin.store.task.Task;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A merge leaves nothing of the customer on the loser but its tombstone: every collection is searched
 * for the loser's id afterwards, so a kind of record added later without a merge step fails here.
 */
class MergeCompletenessTest {
    private final LinkingFixture f = new LinkingFixture();
    private final Contracts contracts = new Contracts(f.mongo.template());
    private final MergeCustomers merge = new MergeCustomers(f.store, List.of(contracts));
    private final User carol = f.store.users().create("Carol", List.of("carol@team.example"), Role.REP, "t1", null, "en");
    private final Company survivor = f.company("Acme Trading", f.alice.id(), "acme.com");
    private final Company loser = f.company("ACME Trading Co., Ltd.", f.bob.id(), "acme-trading.cn");

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void afterAMergeNoCollectionNamesTheLoserButItsTombstoneAndTheAudit() {
        seedEverythingOn(loser);
        merge.merge(survivor.id(), loser.id(), f.mary.id());

        assertThat(leftOn(loser.id())).as("documents still naming the loser").isEmpty();
        assertThat(leftOn(survivor.id())).containsKeys("contacts", "messages", "activities", "tasks", "opportunities",
                "orders", "payments", "contracts", "ownership_conflicts");
    }

    @Test
    void mergeShouldRewriteTheMessagesCustomersAndTheirLinkReasons() {
        Company other = f.company("Other Buyer", f.alice.id(), "other.com");
        StoredMessage both = message("both@x", List.of(other.id(), loser.id()), List.of(
                MessageLink.automatic(other.id(), "DOMAIN", "other.com"),
                MessageLink.automatic(loser.id(), "ADDRESS", "li@acme-trading.cn")));

        MergeResult result = merge.merge(survivor.id(), loser.id(), f.mary.id());

        StoredMessage after = f.store.messages().find(both.id()).orElseThrow();
        assertThat(result.messages()).isEqualTo(1);
        assertThat(after.companyId()).as("the first customer stays first").isEqualTo(other.id());
        assertThat(after.companyIds()).containsExactly(other.id(), survivor.id());
        assertThat(after.links()).extracting(MessageLink::companyId, MessageLink::step, MessageLink::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(other.id(), "DOMAIN", "other.com"),
                        org.assertj.core.groups.Tuple.tuple(survivor.id(), "ADDRESS", "li@acme-trading.cn"));
    }

    @Test
    void aCorrectionAfterTheMergeShouldNotBringTheLoserBack() {
        StoredMessage stored = message("fix@x", List.of(loser.id()),
                List.of(MessageLink.automatic(loser.id(), "DOMAIN", "acme-trading.cn")));
        f.store.timeline().append(new Activity(Ids.newId(), loser.id(), ActivityType.EMAIL, T0, f.bob.id(), List.of(),
                "RFQ", null, "email:fix@x", null, T0));
        Company third = f.company("Third Party", f.alice.id(), "third.com");
        merge.merge(survivor.id(), loser.id(), f.mary.id());

        var correct = new CorrectMessageLinks(f.store, f.linker(), event -> { });
        StoredMessage corrected = correct.alsoBelongsTo(stored.id(), third.id(), f.mary.id(), "copied in");

        assertThat(corrected.companyIds()).containsExactlyInAnyOrder(survivor.id(), third.id());
    }

    @Test
    void openConflictsFollowTheSurvivorAndThoseTheMergeSettledAreClosed() {
        // Carol mailed the loser (Bob's); Alice mailed the loser too but owns the survivor; Carol also
        // already has a conflict on the survivor.
        OwnershipConflict carolOnLoser = f.store.conflicts().record(loser.id(), f.bob.id(), carol.id(), "c1@x", T0);
        OwnershipConflict aliceOnLoser = f.store.conflicts().record(loser.id(), f.bob.id(), f.alice.id(), "a1@x", T0);
        User dave = f.store.users().create("Dave", List.of("dave@team.example"), Role.REP, "t1", null, "en");
        OwnershipConflict daveOnLoser = f.store.conflicts().record(loser.id(), f.bob.id(), dave.id(), "d1@x", T0);
        f.store.conflicts().record(survivor.id(), f.alice.id(), dave.id(), "d0@x", T0);

        MergeResult result = merge.merge(survivor.id(), loser.id(), f.mary.id());

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(result.conflictsClosed()).isEqualTo(2);
        assertThat(f.store.conflicts().find(carolOnLoser.id()).orElseThrow()).satisfies(c -> {
            assertThat(c.companyId()).isEqualTo(survivor.id());
            assertThat(c.ownerId()).as("now about the survivor's owner").isEqualTo(f.alice.id());
            assertThat(c.open()).isTrue();
        });
        assertThat(f.store.conflicts().find(aliceOnLoser.id()).orElseThrow().resolution()).isEqualTo("MERGED");
        assertThat(f.store.conflicts().find(daveOnLoser.id()).orElseThrow().resolution()).isEqualTo("MERGED");
        assertThat(f.store.conflicts().openOf(survivor.id())).extracting(OwnershipConflict::claimantId)
                .containsExactlyInAnyOrder(carol.id(), dave.id());
    }

    @Test
    void theSurvivorShouldTakeWhatItLacksAndKeepWhatItHas() {
        f.store.companies().save(f.store.companies().get(survivor.id()).withDetails("Acme Trading", List.of("acme.com"),
                null, "Lighting", survivor.grade(), Set.of("LED")));
        f.store.companies().save(f.store.companies().get(loser.id()).withDetails(loser.name(), loser.domains(), "CN",
                "Electronics", loser.grade(), Set.of("distributor")));
        f.store.companies().touchContact(loser.id(), true, T0.plusSeconds(3600));
        f.store.companies().touchContact(survivor.id(), false, T0.plusSeconds(60));

        MergePreview preview = merge.preview(survivor.id(), loser.id());
        merge.merge(survivor.id(), loser.id(), f.mary.id());

        Company after = f.store.companies().get(survivor.id());
        assertThat(after.name()).isEqualTo("Acme Trading");
        assertThat(after.ownerId()).isEqualTo(f.alice.id());
        assertThat(after.country()).as("taken from the loser").isEqualTo("CN");
        assertThat(after.industry()).as("kept").isEqualTo("Lighting");
        assertThat(after.tags()).containsExactlyInAnyOrder("LED", "distributor");
        assertThat(after.lastInboundAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(after.lastOutboundAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(preview.merged()).extracting(Company::country, Company::industry, Company::tags, Company::domains)
                .containsExactly(after.country(), after.industry(), after.tags(), after.domains());
    }

    @Test
    void thePreviewCountsWhatTheMergeMovesAndChangesNothing() {
        seedEverythingOn(loser);
        MergePreview preview = merge.preview(survivor.id(), loser.id());

        assertThat(preview.loserSide().counts()).containsEntry("messages", 2L).containsEntry("activities", 1L)
                .containsEntry("tasks", 1L).containsEntry("opportunities", 1L).containsEntry("orders", 1L)
                .containsEntry("payments", 1L).containsEntry("conflicts", 1L).containsEntry("contracts", 1L);
        assertThat(preview.loserSide().contacts()).extracting(Contact::addresses)
                .containsExactly(List.of("li@acme-trading.cn"));
        assertThat(preview.survivorSide().counts().values()).allMatch(n -> n == 0);
        assertThat(f.store.companies().get(loser.id()).mergedInto()).isNull();

        MergeResult result = merge.merge(survivor.id(), loser.id(), f.mary.id());
        assertThat(result).extracting(MergeResult::messages, MergeResult::activities, MergeResult::tasks,
                MergeResult::opportunities, MergeResult::orders, MergeResult::payments, MergeResult::conflicts)
                .containsExactly(2L, 1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(result.elsewhere()).containsEntry("contracts", 1L);
        assertThat(f.store.audit().about("company", survivor.id())).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("contracts", "1").containsEntry("conflicts", "1"));
    }

    @Test
    void duplicatesOfOneCompanyShouldBeFoundWithoutAFullScan() {
        Company sameName = f.company("Acme Trading Ltd", f.bob.id(), "acme-ltd.com");
        f.contact(loser, "li@acme-trading.cn");
        Company sharesAddress = f.company("Li's own shop", f.bob.id());
        f.contact(sharesAddress, "li@acme-trading.cn");
        var finder = new FindDuplicateCustomers(f.store, LinkingPolicy.defaults());

        assertThat(finder.of(survivor.id())).extracting(DuplicatePair::loserId, DuplicatePair::reason)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(loser.id(), DuplicatePair.Reason.SAME_NORMALIZED_NAME),
                        org.assertj.core.groups.Tuple.tuple(sameName.id(), DuplicatePair.Reason.SAME_NORMALIZED_NAME));
        assertThat(finder.of(sharesAddress.id())).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(DuplicatePair.Reason.SHARED_CONTACT_ADDRESS);
            assertThat(p.evidence()).isEqualTo("li@acme-trading.cn");
        });
        merge.merge(survivor.id(), loser.id(), f.mary.id());
        assertThat(finder.of(loser.id())).as("a tombstone has no duplicates").isEmpty();
        assertThat(finder.of(survivor.id())).extracting(DuplicatePair::loserId)
                .containsExactlyInAnyOrder(sameName.id(), sharesAddress.id());
    }

    private void seedEverythingOn(Company company) {
        Contact li = f.contact(company, "li@acme-trading.cn");
        message("m1@x", List.of(company.id()), List.of(MessageLink.automatic(company.id(), "ADDRESS", "li@acme-trading.cn")));
        // A message stored before messages could belong to several customers: only companyId.
        f.storedMessage("old@x", company, T0);
        f.store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.EMAIL, T0, f.bob.id(),
                List.of(li.id()), "RFQ", null, "email:m1@x", null, T0));
        f.store.tasks().insert(new Task(Ids.newId(), company.id(), "Follow up", null, null, null, T0, f.bob.id(), null,
                null, null, null, null, null, null, T0, null));
        f.store.opportunities().insert(new Opportunity(Ids.newId(), company.id(), "LED panels", null,
                new BigDecimal("100"), "USD", null, f.bob.id(), null, T0, T0, null));
        Order order = f.store.orders().insert(new Order(Ids.newId(), company.id(), "PO-1", new BigDecimal("100"), "USD",
                T0, f.bob.id(), T0));
        f.store.orders().insert(new Payment(Ids.newId(), company.id(), order.id(), new BigDecimal("30"), "USD", T0, T0));
        contracts.insert(new Contract(Ids.newId(), company.id(), "Supply agreement", "SA-1", null,
                LocalDate.of(2027, 1, 1), f.bob.id(), T0));
        f.store.conflicts().record(company.id(), company.ownerId(), carol.id(), "m1@x", T0);
    }

    private StoredMessage message(String messageId, List<String> companyIds, List<MessageLink> links) {
        return f.store.messages().store(new StoredMessage(Ids.newId(), messageId, messageId, null, List.of(),
                Direction.INBOUND, Participant.of("li@acme-trading.cn"), List.of(Participant.of("bob@team.example")),
                List.of(), "RFQ", T0, "", List.of(new MailboxRef(f.bob.id(), "INBOX", 1L)), companyIds.get(0), List.of(),
                T0, companyIds, links, null, null)).message();
    }

    /** Per collection, how many documents name the company (audit entries and companies aside). */
    private Map<String, Long> leftOn(String companyId) {
        Bson naming = Filters.or(Filters.eq("companyId", companyId), Filters.eq("companyIds", companyId),
                Filters.eq("links.companyId", companyId));
        Map<String, Long> left = new LinkedHashMap<>();
        for (String name : f.mongo.template().getCollectionNames()) {
            if (name.equals("audit") || name.equals("companies")) {
                continue;
            }
            long n = f.mongo.template().getCollection(name).countDocuments(naming);
            if (n > 0) {
                left.put(name, n);
            }
        }
        return left;
    }
}
